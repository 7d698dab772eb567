package org.nyc311.forecast.model.baseline;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.model.FittedModel;
import org.nyc311.forecast.model.ForecastModel;
import org.nyc311.forecast.model.LogScale;

/**
 * Holt-Winters exponential smoothing with weekly seasonality, in error-correction form
 * (ETS(A,Ad,A) when additive). On the log1p scale the same equations give the multiplicative
 * model (seasonal swings proportional to the level) without breaking on zero counts.
 * Smoothing parameters are maximum-likelihood (least one-step squared error) estimates,
 * found with Commons Math's Nelder-Mead.
 *
 * @param multiplicative seasonal swings proportional to the level (the log1p scale) rather than added to it
 * @param dampedTrend a trend that flattens out over the horizon; without it, no trend
 */
public record ExponentialSmoothing(boolean multiplicative, boolean dampedTrend) implements ForecastModel {

    /** Estimation looks back at most this far: older weeks say little about the next ones and cost time. */
    static final int ESTIMATION_WINDOW = 3 * 365;

    private static final int M = SeasonalNaive.PERIOD;

    @Override
    public String name() {
        return "ets";
    }

    @Override
    public ModelFamily family() {
        return ModelFamily.EXPONENTIAL_SMOOTHING;
    }

    @Override
    public Map<String, String> hyperparameters() {
        return Map.of(
                "seasonality",
                multiplicative ? "multiplicative" : "additive",
                "trend",
                dampedTrend ? "damped" : "none",
                "period",
                Integer.toString(M));
    }

    @Override
    public FittedModel fit(DailySeries history) {
        double[] z = transform(history.values());
        int n = z.length;
        if (n < 2 * M) {
            return new SeasonalNaive().fit(history);
        }
        int from = Math.max(0, n - ESTIMATION_WINDOW);
        double[] params = estimate(z, from, n);
        return forecaster(z, from, n, params);
    }

    @Override
    public PrefixFits onPrefixes(DailySeries history, int[] ends) {
        double[] z = transform(history.values());
        int earliest = Arrays.stream(ends).min().orElse(z.length);
        if (earliest < 2 * M) {
            return ForecastModel.super.onPrefixes(history, ends);
        }
        // Smoothing parameters estimated once, on the earliest prefix, so no fold sees its own future;
        // each prefix then only needs one filter pass to reach its end state.
        double[] params = estimate(z, Math.max(0, earliest - ESTIMATION_WINDOW), earliest);
        return end -> forecaster(z, Math.max(0, end - ESTIMATION_WINDOW), end, params);
    }

    private double[] transform(double[] y) {
        return multiplicative ? LogScale.toLog(y, y.length) : y;
    }

    private FittedModel forecaster(double[] z, int from, int to, double[] params) {
        double[] state = new double[2 + M];
        filter(z, from, to, params, state);
        double phi = params[3];
        return horizon -> {
            double[] out = new double[horizon];
            double damp = 0;
            double phiPower = 1;
            for (int h = 1; h <= horizon; h++) {
                phiPower *= phi;
                damp += phiPower;
                int season = Math.floorMod(to - 1 + h - from, M);
                double f = state[0] + damp * state[1] + state[2 + season];
                out[h - 1] = multiplicative ? LogScale.toCount(f) : Math.max(0, f);
            }
            return out;
        };
    }

    /** Runs the smoothing equations over z[from, to); returns the sum of squared one-step errors. */
    private double filter(double[] z, int from, int to, double[] p, double[] state) {
        double alpha = p[0];
        double beta = p[1];
        double gamma = p[2];
        double phi = p[3];
        double level = 0;
        for (int i = 0; i < M; i++) {
            level += z[from + i];
        }
        level /= M;
        double trend = 0;
        if (dampedTrend) {
            double second = 0;
            for (int i = M; i < 2 * M; i++) {
                second += z[from + i];
            }
            trend = (second / M - level) / M;
        }
        double[] season = new double[M];
        for (int i = 0; i < M; i++) {
            season[i] = z[from + i] - level;
        }
        double sse = 0;
        for (int t = from; t < to; t++) {
            int s = (t - from) % M;
            double fitted = level + phi * trend + season[s];
            double e = z[t] - fitted;
            sse += e * e;
            level = level + phi * trend + alpha * e;
            trend = phi * trend + beta * e;
            season[s] += gamma * e;
        }
        state[0] = level;
        state[1] = trend;
        System.arraycopy(season, 0, state, 2, M);
        return sse;
    }

    private double[] estimate(double[] z, int from, int to) {
        double[] scratch = new double[2 + M];
        double[] best = {Double.POSITIVE_INFINITY};
        double[][] bestParams = {toParams(new double[] {-1.4, -2.0, -2.0, 1.0})};
        MultivariateFunction sse = x -> {
            double[] p = toParams(x);
            double v = filter(z, from, to, p, scratch);
            if (!Double.isFinite(v)) {
                return Double.MAX_VALUE;
            }
            if (v < best[0]) {
                best[0] = v;
                bestParams[0] = p;
            }
            return v;
        };
        double[] start = dampedTrend ? new double[] {-1.4, -2.0, -2.0, 1.0} : new double[] {-1.4, -2.0};
        try {
            new SimplexOptimizer(1e-6, 1e-9)
                    .optimize(
                            new MaxEval(600),
                            new ObjectiveFunction(sse),
                            GoalType.MINIMIZE,
                            new InitialGuess(start),
                            new NelderMeadSimplex(start.length, 1.0));
        } catch (TooManyEvaluationsException e) {
            // the best point seen so far is kept below: a slightly unconverged fit beats no fit
        }
        return bestParams[0];
    }

    /** Unconstrained optimiser coordinates to admissible (alpha, beta, gamma, phi). */
    private double[] toParams(double[] x) {
        double alpha = 0.001 + 0.998 * sigmoid(x[0]);
        double gamma = (1 - alpha) * 0.999 * sigmoid(x[1]);
        if (!dampedTrend) {
            return new double[] {alpha, 0, gamma, 0};
        }
        double beta = alpha * 0.5 * sigmoid(x[2]);
        double phi = 0.8 + 0.18 * sigmoid(x[3]);
        return new double[] {alpha, beta, gamma, phi};
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
