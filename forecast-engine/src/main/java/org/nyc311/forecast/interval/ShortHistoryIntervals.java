package org.nyc311.forecast.interval;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Intervals for a history too short to cross-validate, where nothing can be calibrated: the wider
 * of a Poisson interval around the forecast and a Student-t interval from the history's own
 * spread on the log1p scale. A sensible default, not a calibrated one.
 */
public final class ShortHistoryIntervals {

    private ShortHistoryIntervals() {}

    /**
     * @param logResiduals in-sample log1p residuals of the fallback model (may be empty)
     */
    public static double[][] bounds(double[] yhat, double[] logResiduals, double level) {
        double alpha = 1 - level;
        int n = logResiduals.length;
        double spread = 0;
        if (n >= 2) {
            double mean = 0;
            for (double r : logResiduals) {
                mean += r;
            }
            mean /= n;
            double ss = 0;
            for (double r : logResiduals) {
                ss += (r - mean) * (r - mean);
            }
            double sd = Math.sqrt(ss / (n - 1));
            double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - alpha / 2);
            spread = t * sd * Math.sqrt(1 + 1.0 / n);
        }
        double[][] out = new double[2][yhat.length];
        for (int h = 0; h < yhat.length; h++) {
            double z = Math.log1p(yhat[h]);
            double lower = Math.max(0, Math.expm1(z - spread));
            double upper = Math.expm1(z + spread);
            if (yhat[h] > 0) {
                PoissonDistribution poisson = new PoissonDistribution(
                        null, yhat[h], PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS);
                lower = Math.min(lower, poisson.inverseCumulativeProbability(alpha / 2));
                upper = Math.max(upper, poisson.inverseCumulativeProbability(1 - alpha / 2));
            }
            out[0][h] = Math.min(lower, yhat[h]);
            out[1][h] = Math.max(upper, yhat[h]);
        }
        return out;
    }
}
