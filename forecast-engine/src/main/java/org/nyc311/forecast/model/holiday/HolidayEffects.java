package org.nyc311.forecast.model.holiday;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.model.LogScale;
import org.nyc311.model.calendar.Holiday;
import org.nyc311.model.calendar.HolidayCalendar;

/**
 * How much each day off moves one series, learnt from that series' own history, on the log1p scale
 * (for counts of more than a few, an effect of -0.4 means about a third fewer requests).
 *
 * <p>Why: seasonal naive, seasonal averages and exponential smoothing copy the recent weeks and know
 * no calendar, so they forecast Thanksgiving as an ordinary Thursday and, worse, copy last week's
 * holiday dip into next week's ordinary day. Model selection cannot fix that, because the recent
 * windows it scores on seldom contain a holiday. These effects let every such model forecast the
 * dip (see {@link HolidayAdjusted}).
 *
 * <p>Estimation. A day off is a {@link Holiday} or a weekday taken off for a weekend holiday, which
 * counts as the holiday it stands in for (a Friday off for a Saturday Veterans Day dips as Veterans
 * Day does, not as the Monday after Christmas does). Its
 * residual ({@link HolidayResiduals}) is its log1p count minus the mean log1p count of the same weekday one and two weeks
 * before and after it (those inside the history that are not days off themselves). Holidays are
 * seen about once a year, and one storm or cold snap on the day can flip a single residual, so the
 * effects are partially pooled, as empirical Bayes would: the shared effect of all days off is the
 * mean of every residual shrunk towards zero, and each holiday's own effect is the mean of its
 * residuals shrunk towards the shared effect. The shrinkage weights are the series' own day-to-day
 * noise (a robust variance of the same residual on ordinary days) over the prior variance of the
 * effects: a noisy, sparse series keeps small effects; a smooth citywide series trusts its history.
 * Before pooling, each residual is clipped to {@link #CLIP} spreads around what is typical for its
 * holiday ({@link #clipped}), so a holiday that fell on a cold snap (heating complaints up, not down)
 * cannot turn its effect around. {@link DayOffOutliers} gives the same limit to the Prophet-style model.
 *
 * <p>Immutable. Days are indexed from the start of the series the effects were estimated on, and
 * may lie beyond its end (the forecast days).
 */
public final class HolidayEffects {

    /** Prior standard deviation of the effect all days off share: dips of 10-50% are common. */
    static final double SHARED_PRIOR_SD = 0.3;
    /** Prior standard deviation of one holiday's deviation from the shared effect. */
    public static final double OWN_PRIOR_SD = 0.15;
    /** How many spreads of a holiday residual one day off may pull its holiday's effect by. */
    static final double CLIP = 1.5;
    /** Other occurrences of the same holiday needed before they, not all days off, say what is typical for it. */
    static final int MIN_OWN_OCCURRENCES = 2;

    private final DailySeries series;
    private final HolidayCalendar calendar;
    private final double shared;
    private final double[] effects;

    private HolidayEffects(DailySeries series, HolidayCalendar calendar, double shared, double[] effects) {
        this.series = series;
        this.calendar = calendar;
        this.shared = shared;
        this.effects = effects;
    }

    /** Effects estimated on the whole of {@code history}. */
    public static HolidayEffects estimate(DailySeries history, HolidayCalendar calendar) {
        HolidayResiduals residuals = HolidayResiduals.of(history, calendar);
        return estimate(residuals, history.length(), noiseVariance(residuals, history.length()));
    }

    /** The day-to-day noise the shrinkage weighs the days off against, as seen from the first {@code end} days. */
    static double noiseVariance(HolidayResiduals residuals, int end) {
        return residuals.noiseVariance(end, SHARED_PRIOR_SD * SHARED_PRIOR_SD);
    }

    /** Effects seen from the first {@code end} days of the residuals' series, for a given noise variance. */
    static HolidayEffects estimate(HolidayResiduals residuals, int end, double noise) {
        HolidayResiduals.Seen seen = residuals.seen(end);
        int occurrences = seen.count();
        double[] effects = new double[HolidayResiduals.KEYS];
        if (occurrences == 0) {
            return new HolidayEffects(residuals.series(), residuals.calendar(), 0, effects);
        }
        double[] clipped = clipped(residuals, seen, noise);
        double[] sum = new double[HolidayResiduals.KEYS];
        int[] count = new int[HolidayResiduals.KEYS];
        double total = 0;
        for (int i = 0; i < occurrences; i++) {
            double v = clipped[i];
            int key = residuals.key(seen.days()[i]);
            sum[key] += v;
            count[key]++;
            total += v;
        }
        double shared = total / (occurrences + noise / (SHARED_PRIOR_SD * SHARED_PRIOR_SD));
        double ownPrior = noise / (OWN_PRIOR_SD * OWN_PRIOR_SD);
        for (int k = 0; k < effects.length; k++) {
            effects[k] = (sum[k] + ownPrior * shared) / (count[k] + ownPrior);
        }
        return new HolidayEffects(residuals.series(), residuals.calendar(), shared, effects);
    }

    /**
     * The residuals of the days off a prefix has seen, each clipped, Huber-style, to {@link #CLIP} spreads
     * of a holiday residual (noise plus the holidays' own spread) around what is typical for it: a day
     * off far from the typical one is more likely weather than holiday. Typical is the median of the
     * same holiday's other occurrences when there are at least {@link #MIN_OWN_OCCURRENCES} of them, so
     * a holiday that moves a series differently every year (Thanksgiving by more than Columbus Day)
     * keeps its own level; before that, the median of all days off, so a holiday seen once or twice
     * cannot be turned around by the weather of one day.
     */
    static double[] clipped(HolidayResiduals residuals, HolidayResiduals.Seen seen, double noise) {
        int n = seen.count();
        int[] at = seen.days();
        double[] r = seen.residuals();
        double limit = CLIP * Math.sqrt(noise + OWN_PRIOR_SD * OWN_PRIOR_SD);
        Median median = new Median();
        double pooled = median.evaluate(r, 0, n);
        double[] out = new double[n];
        double[] others = new double[n];
        for (int i = 0; i < n; i++) {
            int key = residuals.key(at[i]);
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && residuals.key(at[j]) == key) {
                    others[m++] = r[j];
                }
            }
            double centre = m >= MIN_OWN_OCCURRENCES ? median.evaluate(others, 0, m) : pooled;
            out[i] = Math.max(centre - limit, Math.min(centre + limit, r[i]));
        }
        return out;
    }

    /** The effect every day off shares (the estimate for a holiday never seen in the history). */
    public double shared() {
        return shared;
    }

    /** The effect of one holiday on its date, and on the weekday taken off for it when it falls on a weekend. */
    public double effect(Holiday holiday) {
        return effects[holiday.ordinal()];
    }

    /** The effect on each of {@code days} days from day {@code from}: zero on days that are not days off. */
    public double[] onDays(int from, int days) {
        int[] keys = HolidayResiduals.keys(calendar, series, from, days);
        double[] out = new double[days];
        for (int i = 0; i < days; i++) {
            out[i] = keys[i] < 0 ? 0 : effects[keys[i]];
        }
        return out;
    }

    /**
     * The counts with every day off replaced by what it would have been as an ordinary day: the
     * holiday's effect taken out, so a model fitted on them does not learn the dip as part of the
     * weekly pattern or the level. {@code counts[0]} is day 0 of this estimate's series.
     */
    public double[] withoutHolidays(double[] counts) {
        double[] e = onDays(0, counts.length);
        double[] out = counts.clone();
        for (int t = 0; t < out.length; t++) {
            if (e[t] != 0) {
                out[t] = LogScale.toCount(Math.log1p(out[t]) - e[t]);
            }
        }
        return out;
    }

    /** A forecast of ordinary days from day {@code from} on, with the days off among them moved by their effects. */
    public double[] withHolidays(double[] forecast, int from) {
        double[] e = onDays(from, forecast.length);
        double[] out = forecast.clone();
        for (int h = 0; h < out.length; h++) {
            if (e[h] != 0) {
                out[h] = LogScale.toCount(Math.log1p(out[h]) + e[h]);
            }
        }
        return out;
    }
}
