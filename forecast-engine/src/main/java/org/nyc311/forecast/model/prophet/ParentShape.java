package org.nyc311.forecast.model.prophet;

import java.util.Arrays;
import java.util.Optional;
import org.nyc311.forecast.DailySeries;
import org.nyc311.model.calendar.Holiday;
import org.nyc311.model.calendar.HolidayCalendar;

/**
 * What a series with under a year of history borrows from its parent (all complaints of its borough, or the whole
 * city): the parent's yearly pattern and its holiday effects, as the Prophet-style model fitted them on the log1p
 * scale, where both are relative changes and so mean the same at 20 requests a day as at 8,000.
 *
 * <p>Why: a series seen for eight months has not seen a winter; the model fits no yearly pattern before a whole year
 * (the trend would take the season for growth), so its 30-day forecast in spring cannot know that summer comes. With a
 * parent's shape, the series fits the parent's season times an amplitude of its own (prior mean 1, standard deviation
 * {@link ProphetDesign#BORROWED_AMPLITUDE_SD}: partial pooling of the swing, not of every Fourier coefficient, which
 * a few months cannot tell from a trend), and its holiday effects get priors centred on the parent's instead of on
 * zero, so a holiday it has not seen takes the parent's deviation for that holiday on top of the series' own day-off
 * effect instead of nothing of its own. Whether the season helps is left to the series' own cross-validation: one
 * trial without a yearly pattern, borrowing the holidays only, always races beside the drawn ones (CandidatePool).
 * Each fit borrows the shape the parent had at the end of that fit's history ({@link Parent}).
 *
 * @param yearly the yearly Fourier coefficients, sine then cosine of each order from 1 to
 *               {@link ProphetSettings#MAX_YEARLY_ORDER} (zeros beyond the parent's order), on the basis of the
 *               day's place in the calendar year, which every series shares
 * @param dayOff each {@link Holiday}'s own deviation (by ordinal), then the observed-day-off, the shared day-off and
 *               the day-after-a-day-off effects
 */
public record ParentShape(double[] yearly, double[] dayOff) {

    /** The shape is only borrowed by a series with fewer days than this; from a whole year on, it fits its own. */
    public static final int BORROWED_BELOW_DAYS = ProphetDesign.MIN_DAYS_FOR_YEARLY;

    static final int YEARLY_COEFFICIENTS = 2 * ProphetSettings.MAX_YEARLY_ORDER;
    static final int DAY_OFF_COEFFICIENTS = Holiday.values().length + 3;

    public ParentShape {
        if (yearly.length != YEARLY_COEFFICIENTS || dayOff.length != DAY_OFF_COEFFICIENTS) {
            throw new IllegalArgumentException("a parent shape has " + YEARLY_COEFFICIENTS + " yearly and "
                    + DAY_OFF_COEFFICIENTS + " day-off coefficients, not " + yearly.length + " and " + dayOff.length);
        }
        for (double v : yearly) {
            requireFinite(v);
        }
        for (double v : dayOff) {
            requireFinite(v);
        }
        yearly = yearly.clone();
        dayOff = dayOff.clone();
    }

    /**
     * The shape of {@code parent}: the Prophet-style model at its defaults fitted on all of it. Empty when the parent
     * has not seen a whole year itself (it has no yearly pattern to lend) or has no requests at all.
     */
    public static Optional<ParentShape> of(DailySeries parent, HolidayCalendar calendar) {
        int n = parent.length();
        if (n < BORROWED_BELOW_DAYS || parent.allZero()) {
            return Optional.empty();
        }
        return Optional.of(new ProphetModel(ProphetSettings.defaults(), calendar)
                .fit(parent)
                .shape());
    }

    public static Optional<ParentShape> of(DailySeries parent) {
        return of(parent, HolidayCalendar.newYorkCity());
    }

    @Override
    public double[] yearly() {
        return yearly.clone();
    }

    @Override
    public double[] dayOff() {
        return dayOff.clone();
    }

    /** Coefficient {@code i} of the yearly block, without a copy (the design reads it per column). */
    double yearlyAt(int i) {
        return yearly[i];
    }

    double dayOffAt(int i) {
        return dayOff[i];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParentShape that
                && Arrays.equals(yearly, that.yearly)
                && Arrays.equals(dayOff, that.dayOff);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(yearly) + Arrays.hashCode(dayOff);
    }

    @Override
    public String toString() {
        return "ParentShape[yearly=" + Arrays.toString(yearly) + ", dayOff=" + Arrays.toString(dayOff) + "]";
    }

    private static void requireFinite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a parent shape's coefficients must be finite, was " + v);
        }
    }
}
