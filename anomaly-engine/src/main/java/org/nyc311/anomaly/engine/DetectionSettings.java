package org.nyc311.anomaly.engine;

/**
 * What a caller may choose about anomaly detection.
 *
 * @param consecutiveDays anomalous days in a row that open an alert (the design's 3)
 * @param zWindow         how many earlier days' residuals the robust z-score centres and scales by
 * @param dropsAlert      whether drops below the lower bound count toward alerts as spikes do; off by
 *                        default, because a quiet day is rarely something a crew must be sent for
 */
public record DetectionSettings(int consecutiveDays, int zWindow, boolean dropsAlert) {

    public static final int DEFAULT_CONSECUTIVE_DAYS = 3;
    public static final int DEFAULT_Z_WINDOW = 28;

    public DetectionSettings {
        if (consecutiveDays < 1) {
            throw new IllegalArgumentException("consecutive days must be at least 1, was " + consecutiveDays);
        }
        if (zWindow < 1) {
            throw new IllegalArgumentException("the z-score window must be at least 1 day, was " + zWindow);
        }
    }

    /** Three spikes in a row open an alert; z-scores over the last four weeks; drops do not alert. */
    public static DetectionSettings defaults() {
        return new DetectionSettings(DEFAULT_CONSECUTIVE_DAYS, DEFAULT_Z_WINDOW, false);
    }

    public DetectionSettings withConsecutiveDays(int days) {
        return new DetectionSettings(days, zWindow, dropsAlert);
    }

    public DetectionSettings withZWindow(int days) {
        return new DetectionSettings(consecutiveDays, days, dropsAlert);
    }

    public DetectionSettings withDropsAlert(boolean alert) {
        return new DetectionSettings(consecutiveDays, zWindow, alert);
    }
}
