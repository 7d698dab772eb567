package org.nyc311.controller.quality;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.pipeline.DataQualityAlertView.Kind;

/**
 * The checks themselves, apart from storage: what is wrong with the feed, judged from the citywide history and the
 * quarantine rates of earlier runs. The baselines are robust (medians of the same weekday, of earlier runs) so that
 * one bad day in the history does not hide the next.
 */
public final class DataQualityRules {

    /** Something wrong with the feed, before it is stored as a {@link DataQualityAlert}. */
    public record Finding(
            Kind kind, String subject, @Nullable LocalDate day, double observed, double expected, String detail) {}

    private final DataQualityProperties properties;

    public DataQualityRules(DataQualityProperties properties) {
        this.properties = properties;
    }

    /**
     * Judges the complete days up to {@code latestComplete}, the {@code judgedDays} newest of them and none before
     * {@code judgedFrom} (the first day the checks ever judged: before it, a day not recorded is history this
     * controller never saw, not a missing day), against the citywide requests recorded per day.
     */
    public List<Finding> judgeDays(
            SortedMap<LocalDate, Long> citywide, LocalDate latestComplete, LocalDate judgedFrom) {
        LocalDate from = latestComplete.minusDays(properties.judgedDays() - 1L);
        if (from.isBefore(judgedFrom)) {
            from = judgedFrom;
        }
        List<Finding> findings = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(latestComplete); day = day.plusDays(1)) {
            long requests = citywide.getOrDefault(day, 0L);
            OptionalDouble baseline = sameWeekdayMedian(citywide, day);
            if (requests == 0) {
                findings.add(new Finding(
                        Kind.MISSING_DAY,
                        day.toString(),
                        day,
                        0,
                        baseline.orElse(0),
                        describe(day) + ": no requests citywide in gold. The intake or the source skipped the day; "
                                + "its series read as zero until a run brings its records."));
            } else if (baseline.isPresent() && requests < properties.feedDropFraction() * baseline.getAsDouble()) {
                findings.add(new Finding(
                        Kind.FEED_DROP,
                        day.toString(),
                        day,
                        requests,
                        baseline.getAsDouble(),
                        String.format(
                                Locale.ROOT,
                                "%s: %,d requests citywide, %.0f%% of the median of the same weekday over the %d weeks"
                                        + " before (%,.0f); a feed drop starts below %.0f%%. Check the intake and the"
                                        + " source before reading it as quiet streets.",
                                describe(day),
                                requests,
                                100 * requests / baseline.getAsDouble(),
                                properties.baselineWeeks(),
                                baseline.getAsDouble(),
                                100 * properties.feedDropFraction())));
            }
        }
        return findings;
    }

    /**
     * Judges one run's quarantine rate against the earlier runs' rates (newest first, those with at least
     * {@code quarantineMinRecords} records). With fewer than three earlier runs the baseline is zero: any share
     * above the minimum rise is then a surge.
     */
    public Optional<Finding> judgeQuarantine(
            String runId, long recordsIn, long quarantined, Collection<Double> earlierRates) {
        if (recordsIn < properties.quarantineMinRecords()) {
            return Optional.empty();
        }
        double rate = (double) quarantined / recordsIn;
        double baseline = earlierRates.size() < DataQualityProperties.MIN_BASELINE_DAYS
                ? 0
                : median(earlierRates.stream().mapToDouble(Double::doubleValue).toArray());
        double threshold =
                Math.max(baseline * properties.quarantineSurgeFactor(), baseline + properties.quarantineMinRise());
        if (rate < threshold) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                Kind.QUARANTINE_SURGE,
                runId,
                null,
                rate,
                baseline,
                String.format(
                        Locale.ROOT,
                        "run %s: silver quarantined %,d of %,d records (%.2f%%), against a median of %.2f%% over the"
                                + " %d runs before; the reasons are in silver's quarantine table.",
                        runId,
                        quarantined,
                        recordsIn,
                        100 * rate,
                        100 * baseline,
                        earlierRates.size())));
    }

    /** The median of the same weekday's requests over the baseline weeks, days with none left out. */
    private OptionalDouble sameWeekdayMedian(SortedMap<LocalDate, Long> citywide, LocalDate day) {
        List<Long> earlier = new ArrayList<>();
        for (int week = 1; week <= properties.baselineWeeks(); week++) {
            Long requests = citywide.get(day.minusWeeks(week));
            if (requests != null && requests > 0) {
                earlier.add(requests);
            }
        }
        if (earlier.size() < DataQualityProperties.MIN_BASELINE_DAYS) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(
                median(earlier.stream().mapToDouble(Long::doubleValue).toArray()));
    }

    private static double median(double[] values) {
        java.util.Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String describe(LocalDate day) {
        return day + " (" + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US) + ")";
    }
}
