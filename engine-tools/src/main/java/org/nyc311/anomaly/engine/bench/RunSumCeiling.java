package org.nyc311.anomaly.engine.bench;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nyc311.anomaly.engine.ObservedDay;

/**
 * What a detector that adds up a run's days could catch on a series' own forecasts without one false alert: a
 * reference for the recall of injected spikes and ramps by rules of that kind (the evidence rule's CUSUM, the margin
 * rule's average, a likelihood ratio on a constant rise), which only better forecasts can raise.
 *
 * <p>{@link ThresholdCeiling} bounds rules that flag days one by one. A rule that sums evidence can catch a run whose
 * days are each unremarkable, so it needs its own reference. The statistic here is the sum of the log residuals
 * ({@code log1p(actual) - log1p(yhat)}) of {@code length} consecutive days: for a rise by a constant factor on
 * independent log errors of equal spread, no statistic of those days separates risen windows from untouched ones
 * better (with errors correlated from day to day, one that also reads the day before could do a little better). Its
 * threshold is the largest sum of any untouched window, so that no untouched window alerts (the budget of one
 * false alert a series-year allows none on the less than a year of untouched days a real window has). It is chosen
 * on the very days it is judged on, and each spike day is judged against its untouched forecast, as if no forecast
 * ever learnt the spike: optimistic twice over, on purpose. It is not a strict bound on a benchmark that counts a
 * spike as caught whenever an alert is open on one of its days: a rule reading the days around a spike that lands on
 * a naturally high stretch can be lucky.
 */
public final class RunSumCeiling {

    private final List<ObservedDay> clean;
    private final double[] counts;
    private final int firstIndex;
    private final int length;
    private final double minExtra;
    private final double threshold;

    private RunSumCeiling(List<ObservedDay> clean, double[] counts, int firstIndex, int length, double minExtra) {
        this.clean = List.copyOf(clean);
        this.counts = counts;
        this.firstIndex = firstIndex;
        this.length = length;
        this.minExtra = minExtra;
        double largest = Double.NEGATIVE_INFINITY;
        for (int w = 0; w + length <= clean.size(); w++) {
            largest = Math.max(largest, windowSum(w, length, null));
        }
        this.threshold = largest;
    }

    /**
     * @param clean the untouched days, in date order, each with the forecast made before it
     * @param counts the whole untouched series; {@code clean.get(i)} is {@code counts[firstIndex + i]}
     * @param firstIndex index in {@code counts} of the first clean day
     * @param length the days summed, and the spikes' length
     * @param minExtra the smallest spike in requests a day (see {@link SpikeInjection})
     */
    public static RunSumCeiling over(
            List<ObservedDay> clean, double[] counts, int firstIndex, int length, double minExtra) {
        if (length < 1 || clean.size() < length) {
            throw new IllegalArgumentException("need at least " + length + " clean days and a length of 1 or more, got "
                    + clean.size() + " days, length " + length);
        }
        return new RunSumCeiling(clean, counts, firstIndex, length, minExtra);
    }

    /** The largest sum of an untouched window: the bar. */
    public double threshold() {
        return threshold;
    }

    /** How many spike windows there are. */
    public int windows() {
        return clean.size() - length + 1;
    }

    /** Share of the windows that, raised by {@code size} (0.5: +50%), sum above the bar. */
    public double spikeRecall(double size) {
        int caught = 0;
        for (int w = 0; w < windows(); w++) {
            SpikeInjection spike = new SpikeInjection(size, length, firstIndex + w, minExtra);
            caught += windowSum(w, length, spike) > threshold ? 1 : 0;
        }
        return (double) caught / windows();
    }

    /**
     * Ramps rising by {@code step} a day for {@code days} days, peak included, placed at every clean day they fit.
     *
     * @return the share with some window ending by their peak above the bar, and the share whose first {@code length}
     *     days are above it (alerted at least {@code days - length} days before the peak)
     */
    public RampRecall ramps(double step, int days) {
        int n = clean.size();
        if (days < length || n < days) {
            throw new IllegalArgumentException("need at least " + days + " clean days and ramps of " + length
                    + " days or more, got " + n + " days, ramps of " + days);
        }
        int ramps = n - days + 1;
        int byPeak = 0;
        int withLead = 0;
        for (int w = 0; w < ramps; w++) {
            SpikeInjection ramp = SpikeInjection.ramp(step, days, firstIndex + w, minExtra);
            boolean early = windowSum(w, length, ramp) > threshold;
            boolean any = early;
            for (int end = w + length; !any && end <= w + days; end++) {
                any = windowSum(end - length, length, ramp) > threshold;
            }
            withLead += early ? 1 : 0;
            byPeak += any ? 1 : 0;
        }
        return new RampRecall((double) byPeak / ramps, (double) withLead / ramps);
    }

    /** Shares of ramps caught by their peak, and with the lead their first days give. */
    public record RampRecall(double byPeak, double withLead) {}

    /** The sum of the log residuals of clean days {@code from .. from + days - 1}, each with the spike's extra if any. */
    private double windowSum(int from, int days, @Nullable SpikeInjection spike) {
        double sum = 0;
        for (int j = from; j < from + days; j++) {
            int t = firstIndex + j;
            double actual = spike == null ? counts[t] : counts[t] + spike.extra(counts, t);
            sum += Math.log1p(Math.max(0, actual))
                    - Math.log1p(Math.max(0, clean.get(j).yhat()));
        }
        return sum;
    }
}
