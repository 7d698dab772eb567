package org.nyc311.anomaly.engine.bench;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nyc311.anomaly.engine.ObservedDay;

/**
 * The most a detector that adds up a run's days could catch on a series' own forecasts without one false alert: an
 * upper bound on the recall of injected spikes and ramps for every rule of that kind (the evidence rule's CUSUM, the
 * margin rule's average, a likelihood ratio on a constant rise), which only better forecasts can raise.
 *
 * <p>{@link ThresholdCeiling} bounds rules that flag days one by one. A rule that sums evidence can catch a run whose
 * days are each unremarkable, so it needs its own bound. The statistic here is the sum of the log residuals
 * ({@code log1p(actual) - log1p(yhat)}) of {@code length} consecutive days: for a rise by a constant factor on
 * independent log errors of equal spread, no statistic of those days separates risen windows from untouched ones
 * better (with errors correlated from day to day, one that also reads the day before could do a little better). Its
 * threshold is the largest sum of any untouched window, so that no untouched window alerts (the budget of one
 * false alert a series-year allows none on the less than a year of untouched days a real window has). It is chosen
 * on the very days it is judged on, and each spike day is judged against its untouched forecast, as if no forecast
 * ever learnt the spike: optimistic twice over, on purpose.
 *
 * @param threshold the largest sum of an untouched window
 * @param spikeRecall share of the {@code length}-day windows that, spiked, sum above it
 * @param rampsByPeak share of the five-day ramps (+20% a day) with a window ending by their peak above it
 * @param rampsWithLead share of the ramps whose first {@code length} days sum above it: alerted at least
 *     {@code 5 - length} days before their peak
 * @param windows how many spike windows were tried
 */
public record RunSumCeiling(
        double threshold, double spikeRecall, double rampsByPeak, double rampsWithLead, int windows) {

    /**
     * @param clean the untouched days, in date order, each with the forecast made before it
     * @param counts the whole untouched series; {@code clean.get(i)} is {@code counts[firstIndex + i]}
     * @param firstIndex index in {@code counts} of the first clean day
     * @param size spike size, e.g. 0.5 for +50% (see {@link SpikeInjection})
     * @param length the days summed, and the spike's length
     * @param rampStep the ramps' rise a day, e.g. 0.2
     * @param rampDays the ramps' length, peak included
     * @param minExtra the smallest spike in requests a day
     */
    public static RunSumCeiling of(
            List<ObservedDay> clean,
            double[] counts,
            int firstIndex,
            double size,
            int length,
            double rampStep,
            int rampDays,
            double minExtra) {
        int n = clean.size();
        if (length < 1 || rampDays < length || n < rampDays) {
            throw new IllegalArgumentException(
                    "need at least " + rampDays + " clean days and 1 <= length <= rampDays, got " + n + " days, length "
                            + length + ", rampDays " + rampDays);
        }
        double threshold = Double.NEGATIVE_INFINITY;
        for (int w = 0; w + length <= n; w++) {
            threshold = Math.max(threshold, windowSum(clean, counts, firstIndex, w, length, null));
        }
        int windows = n - length + 1;
        int caught = 0;
        for (int w = 0; w < windows; w++) {
            SpikeInjection spike = new SpikeInjection(size, length, firstIndex + w, minExtra);
            caught += windowSum(clean, counts, firstIndex, w, length, spike) > threshold ? 1 : 0;
        }
        int ramps = n - rampDays + 1;
        int byPeak = 0;
        int withLead = 0;
        for (int w = 0; w < ramps; w++) {
            SpikeInjection ramp = SpikeInjection.ramp(rampStep, rampDays, firstIndex + w, minExtra);
            boolean early = windowSum(clean, counts, firstIndex, w, length, ramp) > threshold;
            boolean any = early;
            for (int end = w + length; !any && end <= w + rampDays; end++) {
                any = windowSum(clean, counts, firstIndex, end - length, length, ramp) > threshold;
            }
            withLead += early ? 1 : 0;
            byPeak += any ? 1 : 0;
        }
        return new RunSumCeiling(
                threshold, (double) caught / windows, (double) byPeak / ramps, (double) withLead / ramps, windows);
    }

    /** The sum of the log residuals of clean days {@code from .. from + length - 1}, each with the spike's extra if any. */
    private static double windowSum(
            List<ObservedDay> clean,
            double[] counts,
            int firstIndex,
            int from,
            int length,
            @Nullable SpikeInjection spike) {
        double sum = 0;
        for (int j = from; j < from + length; j++) {
            int t = firstIndex + j;
            double actual = spike == null ? counts[t] : counts[t] + spike.extra(counts, t);
            sum += Math.log1p(Math.max(0, actual))
                    - Math.log1p(Math.max(0, clean.get(j).yhat()));
        }
        return sum;
    }
}
