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

    /**
     * @param logErrors    per origin, per horizon step: log1p(actual) - log1p(forecast)
     * @param trendSpreads per origin, per horizon step: the fitted model's simulated trend spread
     */
    public static IntervalCalibration learn(double[][] logErrors, double[][] trendSpreads, double level) {
        int horizon = logErrors[0].length;
        double[] rho = horizonScale(logErrors, horizon);
        int m = logErrors.length * horizon;
        double[] z = new double[m];
        int i = 0;
        for (int k = 0; k < logErrors.length; k++) {
            for (int h = 0; h < horizon; h++) {
                z[i++] = logErrors[k][h] / scale(rho[h], trendSpreads[k][h]);
            }
        }
        Arrays.sort(z);
        double alpha = 1 - level;
        // conformal ranks: the ceil((m+1)(1-alpha/2))-th smallest covers at least 1-alpha/2 of a new error
        int hi = (int) Math.ceil((m + 1) * (1 - alpha / 2)) - 1;
        int lo = (int) Math.floor((m + 1) * (alpha / 2)) - 1;
        double high = z[Math.min(m - 1, Math.max(0, hi))];
        double low = z[Math.min(m - 1, Math.max(0, lo))];
        return new IntervalCalibration(rho, low, high, level);
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

    private static double[] horizonScale(double[][] logErrors, int horizon) {
        double[] mae = new double[horizon];
        SimpleRegression fit = new SimpleRegression(true);
        double overall = 0;
        for (int h = 0; h < horizon; h++) {
            double sum = 0;
            for (double[] fold : logErrors) {
                sum += Math.abs(fold[h]);
            }
            mae[h] = sum / logErrors.length;
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
