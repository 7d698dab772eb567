package org.nyc311.forecast.interval;

import java.util.Arrays;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Calibrated forecast intervals learned from a series' own rolling-origin errors (split-conformal,
 * normalised by horizon).
 *
 * <p>Errors are taken on the log1p scale, {@code e = log1p(actual) - log1p(forecast)}, because count
 * errors grow with the level and are skewed upward; there they are close to symmetric and
 * comparable across the year. Each error is divided by a scale {@code s_h = sqrt(rho_h^2 + tau_h^2)}:
 * {@code rho_h} is the typical out-of-sample error at horizon h (mean absolute error per horizon,
 * smoothed as {@code a + b sqrt(h)} because single horizons have few origins), and {@code tau_h} is
 * the spread of the model's own simulated future trend paths at that fold (zero for models without
 * one). The interval's ends are then empirical quantiles of the normalised errors, with the
 * finite-sample conformal correction, mapped back through the same scale. No normal assumption
 * enters: a heavy storm tail in the history gives a wide upper end, a symmetric history a symmetric one.
 *
 * <p>Past shocks are forgotten at a known rate: an origin's errors weigh {@code 0.5^(d / halfLife)}, d the days
 * between that origin and the one the interval is for, in the horizon scale and in the quantiles. The quantiles are
 * then those of weighted split-conformal prediction under drift (Barber, Candès, Ramdas and Tibshirani, "Conformal
 * prediction beyond exchangeability", Ann. Statist. 2023): the new point takes weight 1 at infinity, so a
 * calibration whose recent weight is small stays conservative. With an infinite half-life every weight is 1 and the
 * ranks are the plain conformal ones.
 */
public final class IntervalCalibration {

    private static final double MIN_SCALE = 1e-3;

    private final double[] rho;
    private final double lowQuantile;
    private final double highQuantile;
    private final double level;

    private IntervalCalibration(double[] rho, double lowQuantile, double highQuantile, double level) {
        this.rho = rho;
        this.lowQuantile = lowQuantile;
        this.highQuantile = highQuantile;
        this.level = level;
    }

    /** Without forgetting: every origin weighs the same. */
    public static IntervalCalibration learn(double[][] logErrors, double[][] trendSpreads, double level) {
        return learn(logErrors, trendSpreads, new double[logErrors.length], Double.POSITIVE_INFINITY, level);
    }

    /**
     * @param logErrors    per origin, per horizon step: log1p(actual) - log1p(forecast)
     * @param trendSpreads per origin, per horizon step: the fitted model's simulated trend spread
     * @param ages         per origin, the days from it to the origin the interval is for (0 or more)
     * @param halfLifeDays the age at which an origin's errors weigh half; infinite for no forgetting
     */
    public static IntervalCalibration learn(
            double[][] logErrors, double[][] trendSpreads, double[] ages, double halfLifeDays, double level) {
        checkHalfLife(halfLifeDays);
        int horizon = logErrors[0].length;
        double[] weights = new double[logErrors.length];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = Math.pow(0.5, Math.max(0, ages[k]) / halfLifeDays);
        }
        double[] rho = horizonScale(logErrors, weights, horizon);
        int m = logErrors.length * horizon;
        double[] z = new double[m];
        double[] w = new double[m];
        int i = 0;
        for (int k = 0; k < logErrors.length; k++) {
            for (int h = 0; h < horizon; h++) {
                z[i] = logErrors[k][h] / scale(rho[h], trendSpreads[k][h]);
                w[i++] = weights[k];
            }
        }
        sortTogether(z, w);
        double alpha = 1 - level;
        return new IntervalCalibration(rho, lowerEnd(z, w, alpha / 2), upperEnd(z, w, 1 - alpha / 2), level);
    }

    /**
     * At least a day: shorter, every origin's weight underflows to 0 and there is nothing left to calibrate on.
     */
    static void checkHalfLife(double halfLifeDays) {
        if (!(halfLifeDays >= 1)) {
            throw new IllegalArgumentException(
                    "the calibration half-life must be at least 1 day (or infinite), was " + halfLifeDays);
        }
    }

    /**
     * The smallest normalised error whose weighted share, the new point's weight 1 counted at infinity, reaches
     * {@code q}; the largest error when none does (too few or too old origins for the level). With equal weights this
     * is the ceil((m+1)q)-th smallest.
     */
    private static double upperEnd(double[] sorted, double[] weights, double q) {
        double total = 1 + sum(weights);
        double below = 0;
        for (int i = 0; i < sorted.length; i++) {
            below += weights[i];
            if (below >= q * total - 1e-9 * total) {
                return sorted[i];
            }
        }
        return sorted[sorted.length - 1];
    }

    /** The mirror of {@link #upperEnd}: the largest error with at least {@code 1 - q} of the weight at or above it. */
    private static double lowerEnd(double[] sorted, double[] weights, double q) {
        double total = 1 + sum(weights);
        double above = 0;
        for (int i = sorted.length - 1; i >= 0; i--) {
            above += weights[i];
            if (above >= (1 - q) * total - 1e-9 * total) {
                return sorted[i];
            }
        }
        return sorted[0];
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    /**
     * Sorts the errors ascending and their weights with them. Without forgetting every weight is 1 and a plain sort of
     * the errors does (the engine calibrates every series 40 times over, so this path stays a primitive sort).
     */
    private static void sortTogether(double[] z, double[] w) {
        boolean uniform = true;
        for (double weight : w) {
            uniform &= weight == w[0];
        }
        if (uniform) {
            Arrays.sort(z);
            return;
        }
        Integer[] order = new Integer[z.length];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, (a, b) -> Double.compare(z[a], z[b]));
        double[] zs = new double[z.length];
        double[] ws = new double[w.length];
        for (int k = 0; k < order.length; k++) {
            zs[k] = z[order[k]];
            ws[k] = w[order[k]];
        }
        System.arraycopy(zs, 0, z, 0, z.length);
        System.arraycopy(ws, 0, w, 0, w.length);
    }

    public double level() {
        return level;
    }

    /** The normalised-error quantiles: the interval is {@code log1p(yhat) + s_h * [low, high]}. */
    public double lowQuantile() {
        return lowQuantile;
    }

    public double highQuantile() {
        return highQuantile;
    }

    /**
     * Interval bounds on the count scale for point forecasts {@code yhat}, given the final model's
     * trend spread; {@code [0]} lower, {@code [1]} upper. Bounds always contain the point forecast.
     */
    public double[][] bounds(double[] yhat, double[] trendSpread) {
        int horizon = yhat.length;
        double[][] out = new double[2][horizon];
        for (int h = 0; h < horizon; h++) {
            double r = rho[Math.min(h, rho.length - 1)];
            double s = scale(r, trendSpread[h]);
            double z = Math.log1p(yhat[h]);
            out[0][h] = Math.min(yhat[h], Math.max(0, Math.expm1(z + s * lowQuantile)));
            out[1][h] = Math.max(yhat[h], Math.expm1(z + s * highQuantile));
        }
        return out;
    }

    private static double scale(double rho, double tau) {
        return Math.max(MIN_SCALE, Math.sqrt(rho * rho + tau * tau));
    }

    private static double[] horizonScale(double[][] logErrors, double[] weights, int horizon) {
        double[] mae = new double[horizon];
        SimpleRegression fit = new SimpleRegression(true);
        double weightSum = 0;
        for (double w : weights) {
            weightSum += w;
        }
        double overall = 0;
        for (int h = 0; h < horizon; h++) {
            double sum = 0;
            for (int k = 0; k < logErrors.length; k++) {
                sum += weights[k] * Math.abs(logErrors[k][h]);
            }
            mae[h] = sum / weightSum;
            overall += mae[h];
            fit.addData(Math.sqrt(h + 1.0), mae[h]);
        }
        overall /= horizon;
        double[] rho = new double[horizon];
        boolean growth = horizon >= 3 && fit.getSlope() > 0 && Double.isFinite(fit.getSlope());
        for (int h = 0; h < horizon; h++) {
            double r = growth ? fit.predict(Math.sqrt(h + 1.0)) : overall;
            rho[h] = Math.max(MIN_SCALE, r);
        }
        return rho;
    }
}
