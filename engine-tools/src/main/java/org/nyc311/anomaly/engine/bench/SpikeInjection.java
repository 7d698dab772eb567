package org.nyc311.anomaly.engine.bench;

import java.util.Arrays;

/**
 * One labelled spike: {@code length} days from day index {@code start}, each raised by
 * {@code size} times the day's expected level, and by at least {@code minExtra} requests.
 *
 * <p>The expected level of a day is the median of the same weekday in the four weeks before the
 * spike starts, on the untouched series: model-free, so the spike's size does not depend on the
 * forecasts being evaluated, and per weekday, so a +50% Monday is half a Monday. The floor makes a
 * spike mean something on series whose counts are near zero: +50% of 2 requests is one request,
 * which no one would call a spike and no interval could tell from noise.
 *
 * <p>A <b>ramp</b> rises instead: its day {@code j} (from 0) is raised by {@code (j + 1) x size}, so that a ramp of
 * size 0.2 and length 5 is +20%, +40%, ... and peaks at +100% on its last day.
 *
 * @param size     relative size, e.g. 0.5 for +50%; for a ramp, the rise per day
 * @param length   days
 * @param start    first day index
 * @param minExtra the smallest addition in requests
 * @param ramp     whether the spike rises day by day to its peak on its last day
 */
public record SpikeInjection(double size, int length, int start, double minExtra, boolean ramp) {

    static final int WEEKS_OF_BASE = 4;

    public SpikeInjection {
        if (!(size > 0) || length < 1 || start < 0 || minExtra < 0) {
            throw new IllegalArgumentException(
                    "bad spike: size " + size + ", length " + length + ", start " + start + ", minExtra " + minExtra);
        }
    }

    /** A spike of the same size every day. */
    public SpikeInjection(double size, int length, int start, double minExtra) {
        this(size, length, start, minExtra, false);
    }

    public static SpikeInjection ramp(double step, int length, int start, double minExtra) {
        return new SpikeInjection(step, length, start, minExtra, true);
    }

    /** The counts with the spike added; {@code clean} is not changed. */
    public double[] applyTo(double[] clean) {
        double[] out = clean.clone();
        for (int j = 0; j < length; j++) {
            int t = start + j;
            out[t] = clean[t] + extra(clean, t);
        }
        return out;
    }

    /** Requests added on day {@code t}: a whole number. */
    double extra(double[] clean, int t) {
        double relative = ramp ? size * (t - start + 1) : size;
        return Math.max(minExtra, Math.round(relative * expectedLevel(clean, t)));
    }

    /** Median of the same weekday in the weeks before the spike's first day (as many as exist, at most 4). */
    double expectedLevel(double[] clean, int t) {
        double[] same = new double[WEEKS_OF_BASE];
        int k = 0;
        for (int back = t - 7; back >= 0 && k < WEEKS_OF_BASE; back -= 7) {
            if (back < start) {
                same[k++] = clean[back];
            }
        }
        if (k == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(same, k);
        Arrays.sort(sorted);
        return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    }
}
