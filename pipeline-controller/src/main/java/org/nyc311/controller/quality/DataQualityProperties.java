package org.nyc311.controller.quality;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The data-quality checks' thresholds, under {@code nyc311.controller.data-quality}; 0 (or unset) takes the default.
 *
 * @param feedDropFraction a complete day is a feed drop when its citywide requests are below this fraction of the
 *     same weekday's median over the baseline weeks (0.5: on 2016-2017's 710 judged days of the real citywide series
 *     the lowest was 0.54, Thanksgiving 2017, so no holiday reaches it)
 * @param baselineWeeks how many earlier same weekdays the median is taken over; fewer than {@link #MIN_BASELINE_DAYS}
 *     of them recorded leaves the day unjudged for a drop
 * @param judgedDays how many complete days, up to the run's latest, each run judges (late records can still empty or
 *     fill a recent day)
 * @param quarantineMinRecords runs with fewer records are not judged for a quarantine surge: a few bad rows in a
 *     small batch are no trend
 * @param quarantineSurgeFactor a run's quarantine rate is a surge when it is at least this many times the median
 *     rate of the earlier runs...
 * @param quarantineMinRise ...and at least this much above it (a fraction of the records: 0.01 is one point)
 * @param quarantineHistoryRuns how many earlier judged runs that median is taken over
 * @param lateAfter a day no run has brought requests for is missing this long after it ended (12 h: by noon the next
 *     day, New York time, when the 03:00 intake and its run should long be done), even when no run comes at all
 * @param watchInterval how often the controller looks for such days
 */
@ConfigurationProperties("nyc311.controller.data-quality")
public record DataQualityProperties(
        double feedDropFraction,
        int baselineWeeks,
        int judgedDays,
        long quarantineMinRecords,
        double quarantineSurgeFactor,
        double quarantineMinRise,
        int quarantineHistoryRuns,
        Duration lateAfter,
        Duration watchInterval) {

    /** Same weekdays needed before a day can be judged a drop. */
    public static final int MIN_BASELINE_DAYS = 3;

    public DataQualityProperties(
            double feedDropFraction,
            int baselineWeeks,
            int judgedDays,
            long quarantineMinRecords,
            double quarantineSurgeFactor,
            double quarantineMinRise,
            int quarantineHistoryRuns,
            @Nullable Duration lateAfter,
            @Nullable Duration watchInterval) {
        this.feedDropFraction = feedDropFraction == 0 ? 0.5 : feedDropFraction;
        this.baselineWeeks = baselineWeeks == 0 ? 4 : baselineWeeks;
        this.judgedDays = judgedDays == 0 ? 7 : judgedDays;
        this.quarantineMinRecords = quarantineMinRecords == 0 ? 500 : quarantineMinRecords;
        this.quarantineSurgeFactor = quarantineSurgeFactor == 0 ? 3 : quarantineSurgeFactor;
        this.quarantineMinRise = quarantineMinRise == 0 ? 0.01 : quarantineMinRise;
        this.quarantineHistoryRuns = quarantineHistoryRuns == 0 ? 14 : quarantineHistoryRuns;
        this.lateAfter = lateAfter == null ? Duration.ofHours(12) : lateAfter;
        this.watchInterval = watchInterval == null ? Duration.ofMinutes(15) : watchInterval;
        check();
    }

    private void check() {
        if (lateAfter.isNegative() || watchInterval.isZero() || watchInterval.isNegative()) {
            throw new IllegalArgumentException("nyc311.controller.data-quality: late-after must not be negative and "
                    + "watch-interval must be positive, were " + lateAfter + " and " + watchInterval);
        }
        if (!(feedDropFraction > 0 && feedDropFraction < 1)) {
            throw new IllegalArgumentException(
                    "nyc311.controller.data-quality.feed-drop-fraction must be between 0 and 1, was "
                            + feedDropFraction);
        }
        if (baselineWeeks < MIN_BASELINE_DAYS) {
            throw new IllegalArgumentException("nyc311.controller.data-quality.baseline-weeks must be at least "
                    + MIN_BASELINE_DAYS + ", was " + baselineWeeks);
        }
        if (judgedDays < 1 || quarantineMinRecords < 1 || quarantineHistoryRuns < 1) {
            throw new IllegalArgumentException(
                    "nyc311.controller.data-quality: judged-days, quarantine-min-records and "
                            + "quarantine-history-runs must be positive");
        }
        if (!(quarantineSurgeFactor > 1) || !(quarantineMinRise > 0 && quarantineMinRise < 1)) {
            throw new IllegalArgumentException(
                    "nyc311.controller.data-quality: quarantine-surge-factor must be above 1 "
                            + "and quarantine-min-rise between 0 and 1, were " + quarantineSurgeFactor + " and "
                            + quarantineMinRise);
        }
    }

    /** Every default. */
    public static DataQualityProperties defaults() {
        return new DataQualityProperties(0, 0, 0, 0, 0, 0, 0, null, null);
    }
}
