package org.nyc311.forecast.selection;

import java.util.Arrays;

/**
 * Where rolling-origin cross-validation cuts a history of {@code n} days: each origin is a prefix
 * length; the model is fitted on the prefix and judged on the {@code horizon} days after it.
 * Search origins step back from the end of the history by about half a horizon (at least a week), so
 * their windows overlap a little and start on different days of the year. Calibration origins step
 * back a week at a time whatever the horizon: at 30 days, stepping half a horizon left about ten
 * origins for the interval's tails, and weekly origins (about forty) covered the development window's
 * days better at every series (docs/BENCHMARKS.md, "Forecasts beside the anchors").
 *
 * @param search      origins on which candidate models and hyperparameters are compared, latest first
 * @param calibration origins whose errors calibrate the chosen model's intervals, latest first
 */
public record RollingOrigins(int[] search, int[] calibration) {

    /** Fewer days than this before an origin and a fit says more about luck than about the model. */
    public static final int MIN_TRAINING_DAYS = 56;
    /** Weekly origins whose errors feed the interval calibration, when the history allows. */
    static final int CALIBRATION_ORIGINS = 40;

    static final int CALIBRATION_STEP = 7;

    public RollingOrigins {
        search = search.clone();
        calibration = calibration.clone();
    }

    public static RollingOrigins of(int n, int horizon, int folds) {
        int searchStep = Math.max(CALIBRATION_STEP, (horizon + 1) / 2);
        int[] search = cuts(n, horizon, searchStep, folds);
        int[] calibration = cuts(n, horizon, CALIBRATION_STEP, Math.max(folds, CALIBRATION_ORIGINS));
        return new RollingOrigins(search, calibration);
    }

    /** Up to {@code wanted} prefix lengths, {@code step} days apart, latest first, each with a full horizon after it. */
    private static int[] cuts(int n, int horizon, int step, int wanted) {
        int[] all = new int[wanted];
        int k = 0;
        for (int end = n - horizon; end >= MIN_TRAINING_DAYS && k < wanted; end -= step) {
            all[k++] = end;
        }
        return Arrays.copyOf(all, k);
    }

    /** True when there is enough history to compare models at all. */
    public boolean usable() {
        return search.length >= 1 && calibration.length >= 2;
    }

    public int[] union(int n) {
        int[] all = Arrays.copyOf(calibration, calibration.length + 1);
        all[calibration.length] = n;
        return all;
    }
}
