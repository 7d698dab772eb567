package org.nyc311.anomaly.engine;

import java.util.Arrays;

/**
 * Severity of a residual: {@code (r - median) / scale} over the residuals of the days before it,
 * with {@code scale = 1.4826 * MAD}, the median absolute deviation made comparable to a standard
 * deviation. Median and MAD, not mean and standard deviation, so that last week's storm in the
 * window does not make this week's look mild.
 *
 * <p>The scale has a floor: the Poisson standard deviation of the day's expected count,
 * {@code sqrt(yhat)}, and at least 1 request. Counts are integers and small series often have
 * identical residuals for weeks (a MAD of 0); without the floor one extra request would score
 * infinity. The floor is what a count of that size varies by anyway, so it never hides a real spike
 * on a large series, where the MAD is far above it.
 */
public final class RobustZScore {

    /** Makes the MAD of normal errors estimate their standard deviation. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private RobustZScore() {}

    /**
     * @param residual the day's residual, actual - yhat
     * @param yhat     the day's point forecast, for the floor
     * @param window   the residuals of earlier days (not changed); may be empty
     * @return a finite z-score
     */
    public static double score(double residual, double yhat, double[] window) {
        return scoreWithScaleFloor(residual, window, Math.max(1.0, Math.sqrt(Math.max(0, yhat))));
    }

    /**
     * {@link #score} with the scale's floor given: for residuals on another scale than counts (the evidence rule's
     * log residuals), whose floor is not {@code sqrt(yhat)}.
     */
    public static double scoreWithScaleFloor(double residual, double[] window, double floor) {
        double median = 0;
        double mad = 0;
        if (window.length > 0) {
            double[] sorted = window.clone();
            Arrays.sort(sorted);
            median = median(sorted);
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = Math.abs(sorted[i] - median);
            }
            Arrays.sort(sorted);
            mad = median(sorted);
        }
        return (residual - median) / Math.max(MAD_TO_SIGMA * mad, floor);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
