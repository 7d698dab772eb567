package org.nyc311.forecast.selection;

import java.util.Arrays;

/**
 * Where rolling-origin cross-validation cuts a history of {@code n} days: each origin is a prefix
 * length; the model is fitted on the prefix and judged on the {@code horizon} days after it.
 * Origins step back from the end of the history by about half a horizon (at least a week), so
 * their windows overlap a little and start on different days of the year.
 *
 * @param search      origins on which candidate models and hyperparameters are compared, latest first
 * @param calibration origins whose errors calibrate the chosen model's intervals (a superset of search)
 */
public record RollingOrigins(int[] search, int[] calibration) {

    /** Fewer days than this before an origin and a fit says more about luck than about the model. */
    public static final int MIN_TRAINING_DAYS = 56;
    /** About this many forecast days of out-of-sample errors feed the interval calibration. */
    static final int CALIBRATION_POINTS = 280;

    static final int MAX_CALIBRATION_ORIGINS = 60;

    public RollingOrigins {
        search = search.clone();
        calibration = calibration.clone();
    }

    public static RollingOrigins of(int n, int horizon, int folds) {
        int step = Math.max(7, (horizon + 1) / 2);
        int wanted = Math.min(MAX_CALIBRATION_ORIGINS, Math.max(folds, (CALIBRATION_POINTS + horizon - 1) / horizon));
        int[] all = new int[wanted];
        int k = 0;
        for (int end = n - horizon; end >= MIN_TRAINING_DAYS && k < wanted; end -= step) {
            all[k++] = end;
        }
        int[] calibration = Arrays.copyOf(all, k);
        int[] search = Arrays.copyOf(all, Math.min(folds, k));
        return new RollingOrigins(search, calibration);
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
