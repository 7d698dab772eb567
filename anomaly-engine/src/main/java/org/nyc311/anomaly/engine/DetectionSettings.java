package org.nyc311.anomaly.engine;

/**
 * What a caller may choose about anomaly detection.
 *
 * <p>A day is <em>anomalous</em> (flagged) only when its actual is above the upper bound of its
 * interval (or below the lower one, with {@code dropsAlert}); that flag is the definition and
 * the one the false positive rate of day flags is measured on, and no setting here changes it. The
 * <b>sustained-rise rule</b> changes only which runs of days open an alert: on series whose 95%
 * intervals are wide (they have to cover storms or a noisy weekday pattern), a rise of +50% can sit
 * inside the interval every day and never make three flags in a row, although three such days
 * together are far outside what the intervals allow for a three-day total. With the rule on, a spike
 * run may also hold <em>raised</em> days: inside the interval, but with a robust z-score of at least
 * {@code sustainedMinZ}. A run of at least {@code consecutiveDays} flagged-or-raised days opens an
 * alert when the sum of its residuals, each capped at its own day's margin {@code upper - yhat}, exceeds the bound of
 * that sum, {@code sqrt(sum of (upper - yhat)^2)}: what the day intervals allow for the run's total at
 * the same level if the days' errors were independent. The cap keeps one storm day from carrying a run
 * of ordinary days; the z threshold keeps days that are not above their usual residual from extending
 * a run. Three flags in a row still open an alert whether the rule is on or off.
 *
 * @param consecutiveDays anomalous days in a row that open an alert (the design's 3); with the
 *                        sustained-rise rule also the shortest run of raised days it judges
 * @param zWindow         how many earlier days' residuals the robust z-score centres and scales by
 * @param dropsAlert      whether drops below the lower bound count toward alerts as spikes do; off by
 *                        default, because a quiet day is rarely something a crew must be sent for
 * @param sustainedRise   whether the sustained-rise rule above may open spike alerts; off by default,
 *                        which is the rule (three flags in a row) alone. On the test part the rule
 *                        raised the recall of 3-day +50% spikes from 30% to 47% but gave 1.7 false alerts
 *                        per series-year against a target of at most 1 (see docs/BENCHMARKS.md); a series
 *                        with wide intervals may still want it
 * @param sustainedMinZ   the robust z-score from which a day inside the interval is raised (2: a day
 *                        two robust standard deviations above its usual residual); only used with
 *                        {@code sustainedRise}
 */
public record DetectionSettings(int consecutiveDays, int zWindow, boolean dropsAlert, boolean sustainedRise,
                                double sustainedMinZ) {

    public static final int DEFAULT_CONSECUTIVE_DAYS = 3;
    public static final int DEFAULT_Z_WINDOW = 28;
    public static final boolean DEFAULT_SUSTAINED_RISE = false;
    public static final double DEFAULT_SUSTAINED_MIN_Z = 2.0;

    public DetectionSettings {
        if (consecutiveDays < 1) {
            throw new IllegalArgumentException("consecutive days must be at least 1, was " + consecutiveDays);
        }
        if (zWindow < 1) {
            throw new IllegalArgumentException("the z-score window must be at least 1 day, was " + zWindow);
        }
        if (!Double.isFinite(sustainedMinZ) || sustainedMinZ < 0) {
            throw new IllegalArgumentException("the sustained-rise z threshold must be finite and >= 0, was "
                    + sustainedMinZ);
        }
    }

    /**
     * Three spikes in a row open an alert; z-scores over the last four weeks; drops do not alert; the
     * sustained-rise rule is off (its z threshold, when turned on, is 2).
     */
    public static DetectionSettings defaults() {
        return new DetectionSettings(DEFAULT_CONSECUTIVE_DAYS, DEFAULT_Z_WINDOW, false, DEFAULT_SUSTAINED_RISE,
                DEFAULT_SUSTAINED_MIN_Z);
    }

    public DetectionSettings withConsecutiveDays(int days) {
        return new DetectionSettings(days, zWindow, dropsAlert, sustainedRise, sustainedMinZ);
    }

    public DetectionSettings withZWindow(int days) {
        return new DetectionSettings(consecutiveDays, days, dropsAlert, sustainedRise, sustainedMinZ);
    }

    public DetectionSettings withDropsAlert(boolean alert) {
        return new DetectionSettings(consecutiveDays, zWindow, alert, sustainedRise, sustainedMinZ);
    }

    public DetectionSettings withSustainedRise(boolean on) {
        return new DetectionSettings(consecutiveDays, zWindow, dropsAlert, on, sustainedMinZ);
    }

    public DetectionSettings withSustainedMinZ(double z) {
        return new DetectionSettings(consecutiveDays, zWindow, dropsAlert, sustainedRise, z);
    }
}
