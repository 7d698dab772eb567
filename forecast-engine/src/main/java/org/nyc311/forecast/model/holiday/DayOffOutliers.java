package org.nyc311.forecast.model.holiday;

import java.util.Arrays;
import org.nyc311.forecast.DailySeries;
import org.nyc311.model.calendar.HolidayCalendar;

/**
 * Days off whose counts lie so far from an ordinary day that weather, not the holiday, must have
 * moved them: Presidents' Day 2016 fell on a record cold snap and had a third more requests than the
 * Mondays around it, where a holiday normally has a third fewer. {@link HolidayEffects} limits such a
 * day's pull on the effects it learns; this gives the same limit to models that learn holiday effects
 * their own way (the Prophet-style model's holiday terms), so that one cold snap cannot teach either
 * of them that Presidents' Day raises complaints.
 *
 * <p>The band is the one {@link HolidayEffects} clips to ({@link HolidayEffects#clipped}): a few spreads
 * around what is typical for that holiday, each day's residual measured against the same weekday one
 * and two weeks around it.
 * Seen from a prefix, only the days inside it count, so cross-validation never sees past its origin.
 * Immutable.
 */
public final class DayOffOutliers {

    /**
     * @param days   days off (indices into the series) that lie outside the band, ascending
     * @param excess per such day, how far its log1p count lies beyond the band: positive above it,
     *               negative below it
     */
    public record Excess(int[] days, double[] excess) {}

    private final HolidayResiduals residuals;

    private DayOffOutliers(HolidayResiduals residuals) {
        this.residuals = residuals;
    }

    public static DayOffOutliers of(DailySeries series, HolidayCalendar calendar) {
        return new DayOffOutliers(HolidayResiduals.of(series, calendar));
    }

    /** The days off outside the band, as the first {@code end} days of the series show them. */
    public Excess before(int end) {
        HolidayResiduals.Seen seen = residuals.seen(end);
        int n = seen.count();
        if (n == 0) {
            return new Excess(new int[0], new double[0]);
        }
        double[] clipped = HolidayEffects.clipped(residuals, seen, HolidayEffects.noiseVariance(residuals, end));
        int[] days = new int[n];
        double[] excess = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double r = seen.residuals()[i];
            if (clipped[i] != r) {
                days[k] = seen.days()[i];
                excess[k++] = r - clipped[i];
            }
        }
        return new Excess(Arrays.copyOf(days, k), Arrays.copyOf(excess, k));
    }
}
