package org.nyc311.anomaly.engine.bench;

import java.util.Arrays;
import java.util.List;
import org.nyc311.anomaly.engine.ObservedDay;

/**
 * The most any day-flag threshold could catch on a series' own forecasts, within the false-positive
 * budget: an upper bound on the recall of injected k-day spikes that no re-tuning of the detector can
 * beat, only better forecasts.
 *
 * <p>Why: the rule (flag a day above its 95% upper bound, alert after three flags in a row)
 * misses most +50% spikes on the small series. That could be the rule's fault or the forecasts'.
 * This separates the two. A day is scored by how far its actual lies above the forecast, in units of
 * its own interval's upper margin ({@link Score}); the rule flags scores above 1. Here the
 * threshold is instead set as low as the false positive budget allows: the share of untouched days
 * flagged is at most {@code fprBudget}, and no lower threshold keeps it so. Every k-day window of the
 * untouched days then gets the spike added, and it counts as caught when all k days score above the
 * threshold. The forecasts stay the untouched ones for every spike day, as if the detector could
 * keep a spike out of the history its next forecasts are fitted on; with refitting, later days
 * could only be caught less often. So the ceiling is optimistic on purpose: when even it is below
 * a recall target, the target needs more accurate forecasts, not another threshold.
 */
public final class ThresholdCeiling {

    /** How far above its forecast a day's actual lies, in units of that day's upper margin. */
    public enum Score {
        /** On the log1p scale, the one the forecasting engine calibrates its intervals on. */
        LOG {
            @Override
            double of(double actual, ObservedDay day) {
                double margin = Math.log1p(day.upper()) - Math.log1p(day.yhat());
                return (Math.log1p(actual) - Math.log1p(day.yhat())) / Math.max(margin, 1e-9);
            }
        },
        /** In requests. */
        COUNT {
            @Override
            double of(double actual, ObservedDay day) {
                return (actual - day.yhat()) / Math.max(day.upper() - day.yhat(), 1e-9);
            }
        };

        abstract double of(double actual, ObservedDay day);
    }

    /**
     * @param threshold      the lowest threshold within the budget: a day is flagged when its score is above it
     * @param cleanFlagRate  share of untouched days flagged at that threshold
     * @param dayRecall      share of the days of all windows caught, each on its own
     * @param windowRecall   share of k-day windows with every day caught: the ceiling
     * @param windows        how many windows were tried
     */
    public record Result(double threshold, double cleanFlagRate, double dayRecall, double windowRecall, int windows) {}

    private ThresholdCeiling() {}

    /**
     * @param clean     the untouched days, in date order, each with the forecast made before it
     * @param counts    the whole untouched series; {@code clean.get(i)} is {@code counts[firstIndex + i]}
     * @param firstIndex index in {@code counts} of the first clean day
     * @param size      spike size, e.g. 0.5 for +50% (see {@link SpikeInjection})
     * @param length    spike length k in days
     * @param minExtra  the smallest spike in requests a day
     * @param fprBudget the largest share of untouched days that may be flagged, e.g. 0.05
     */
    public static Result of(
            List<ObservedDay> clean,
            double[] counts,
            int firstIndex,
            double size,
            int length,
            double minExtra,
            double fprBudget,
            Score score) {
        int n = clean.size();
        if (n < length || n == 0) {
            throw new IllegalArgumentException("need at least " + length + " clean days, got " + n);
        }
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = score.of(clean.get(i).actual(), clean.get(i));
        }
        double threshold = lowestThreshold(scores, fprBudget);
        int flagged = 0;
        for (double s : scores) {
            flagged += s > threshold ? 1 : 0;
        }
        int windows = n - length + 1;
        int caught = 0;
        int daysCaught = 0;
        for (int w = 0; w < windows; w++) {
            SpikeInjection spike = new SpikeInjection(size, length, firstIndex + w, minExtra);
            boolean all = true;
            for (int j = 0; j < length; j++) {
                int t = firstIndex + w + j;
                ObservedDay day = clean.get(w + j);
                boolean hit = score.of(counts[t] + spike.extra(counts, t), day) > threshold;
                daysCaught += hit ? 1 : 0;
                all &= hit;
            }
            caught += all ? 1 : 0;
        }
        return new Result(
                threshold,
                (double) flagged / n,
                (double) daysCaught / ((long) windows * length),
                (double) caught / windows,
                windows);
    }

    /**
     * The lowest threshold that flags at most {@code budget} of the scores (flagged means strictly
     * above): the {@code floor(budget n) + 1}-th largest score.
     */
    static double lowestThreshold(double[] scores, double budget) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int allowed = (int) Math.floor(budget * sorted.length + 1e-9);
        return sorted[sorted.length - 1 - Math.min(allowed, sorted.length - 1)];
    }
}
