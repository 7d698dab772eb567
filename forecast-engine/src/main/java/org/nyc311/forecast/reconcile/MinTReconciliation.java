package org.nyc311.forecast.reconcile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;
import org.nyc311.forecast.CalibrationErrors;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * Makes forecasts add up: the boroughs to the city, the complaint types to their borough, each day of the horizon.
 *
 * <p>The minimum-trace reconciliation of Wickramasuriya, Athanasopoulos and Hyndman (2019, "MinT"): of all the
 * coherent forecasts, the one closest to the series' own forecasts in the metric of their error covariance {@code
 * W}, so a series whose forecast is usually right moves little and a noisy one takes up most of the gap. Written in
 * its constraint form, {@code y~ = y^ - W C' (C W C')^-1 C y^}, with {@code C} one row per sum ({@code total - parts
 * = 0}): the only matrix to invert is one row and column per sum (seven for a city of five boroughs and Unspecified),
 * and {@code W} is never formed, only multiplied by {@code C}'s rows, so 1,500 series take about a tenth of a second
 * (docs/BENCHMARKS.md, "Coherent levels").
 *
 * <p>{@code W} is learnt from each series' errors at its calibration origins ({@link CalibrationErrors}), the first
 * {@value #ERROR_STEPS} days after each origin (those origins are a week apart, on the same dates for every series):
 * each series' scale from its own errors, the correlations from the errors standardised by it and shrunk towards
 * none by Schäfer and Strimmer's (2005) estimate of how much, as MinT's "shrink" variant does. Forty origins cannot
 * estimate a thousand series' correlations on their own; the shrinkage says how little to trust them. A series with
 * fewer origins counts its missing errors as zero after standardising, which only pulls its correlations towards
 * none; one with no origins at all (a short or all-zero history) takes its scale from its interval.
 *
 * <p>The intervals move with their points ({@link #moved}): each keeps its width, shifted by the day's adjustment,
 * never below zero. A point forecast the adjustment would take below zero is held at zero, so a small series can
 * leave its sum a little short; {@link Hierarchy#incoherence} measures what is left.
 */
public final class MinTReconciliation {

    /** Days after each calibration origin whose errors the covariance is learnt from. */
    static final int ERROR_STEPS = 7;
    /** No series' error is taken to be smaller than this, in requests: a zero would make it immovable. */
    static final double MIN_SCALE = 0.5;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** What {@code W} is. */
    public enum Weights {
        /** Each series' error variance, correlations shrunk towards none: MinT's shrink variant (the default). */
        MINT_SHRINK,
        /** Each series' error variance, no correlations: weighted least squares ("WLS var"). */
        WLS_VARIANCE,
        /** Every series alike: ordinary least squares, for comparison. */
        OLS
    }

    /**
     * The reconciled forecasts, in the order given.
     *
     * @param shrinkage the weight of "no correlation" in {@code W} (1 for WLS and OLS)
     * @param errorRows the (origin, day) rows the covariance was learnt from
     */
    public record Result(List<List<ForecastPoint>> forecasts, double shrinkage, int errorRows) {

        public Result {
            forecasts = forecasts.stream().map(List::copyOf).toList();
        }
    }

    private MinTReconciliation() {}

    /**
     * Reconciles {@code forecasts} (one list per series of {@code hierarchy}, all over the same days) with {@code W}
     * learnt from {@code errors} (one per series, in the same order).
     */
    public static Result reconcile(
            Hierarchy hierarchy, List<List<ForecastPoint>> forecasts, List<CalibrationErrors> errors, Weights weights) {
        int m = hierarchy.series();
        if (forecasts.size() != m || errors.size() != m) {
            throw new IllegalArgumentException("the hierarchy has " + m + " series; " + forecasts.size()
                    + " forecasts and " + errors.size() + " error sets were given");
        }
        int horizon = forecasts.isEmpty() ? 0 : forecasts.get(0).size();
        for (List<ForecastPoint> f : forecasts) {
            if (f.size() != horizon) {
                throw new IllegalArgumentException(
                        "forecasts over different horizons: " + f.size() + " and " + horizon);
            }
        }
        if (hierarchy.sums().isEmpty() || horizon == 0) {
            return new Result(forecasts, 1, 0);
        }
        Covariance w = Covariance.learn(forecasts, errors, weights);
        List<Hierarchy.Sum> sums = hierarchy.sums();
        int k = sums.size();
        // A = W C' (m x k); M = C W C' (k x k)
        double[][] a = new double[k][];
        for (int j = 0; j < k; j++) {
            a[j] = w.times(constraintRow(sums.get(j), m));
        }
        double[][] cwc = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cwc[i][j] = dotConstraint(sums.get(i), a[j]);
            }
        }
        DecompositionSolver solver = solver(cwc);
        double[][] reconciled = new double[m][horizon];
        for (int t = 0; t < horizon; t++) {
            double[] yhat = new double[m];
            for (int i = 0; i < m; i++) {
                yhat[i] = forecasts.get(i).get(t).yhat();
            }
            double[] gap = new double[k];
            for (int j = 0; j < k; j++) {
                gap[j] = dotConstraint(sums.get(j), yhat);
            }
            RealVector x = solver.solve(new ArrayRealVector(gap, false));
            for (int i = 0; i < m; i++) {
                double adjustment = 0;
                for (int j = 0; j < k; j++) {
                    adjustment += a[j][i] * x.getEntry(j);
                }
                reconciled[i][t] = yhat[i] - adjustment;
            }
        }
        List<List<ForecastPoint>> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            out.add(shifted(forecasts.get(i), reconciled[i]));
        }
        return new Result(out, w.shrinkage(), w.rows());
    }

    private static DecompositionSolver solver(double[][] cwc) {
        Array2DRowRealMatrix matrix = new Array2DRowRealMatrix(cwc, false);
        try {
            return new CholeskyDecomposition(matrix, 1e-10, 1e-12).getSolver();
        } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
            return new LUDecomposition(matrix).getSolver();
        }
    }

    private static double[] constraintRow(Hierarchy.Sum sum, int m) {
        double[] row = new double[m];
        row[sum.total()] = 1;
        for (int part : sum.parts()) {
            row[part] = -1;
        }
        return row;
    }

    /** {@code c . v} for the sum's constraint row {@code c} (+1 at the total, -1 at each part). */
    private static double dotConstraint(Hierarchy.Sum sum, double[] v) {
        double out = v[sum.total()];
        for (int part : sum.parts()) {
            out -= v[part];
        }
        return out;
    }

    private static List<ForecastPoint> shifted(List<ForecastPoint> base, double[] reconciled) {
        List<ForecastPoint> out = new ArrayList<>(base.size());
        for (int t = 0; t < base.size(); t++) {
            out.add(moved(base.get(t), reconciled[t]));
        }
        return out;
    }

    /**
     * {@code point} moved to {@code yhat} (held at zero or above), its interval shifted by as much. Bounds that were
     * whole counts (a count distribution's quantiles, {@code CountIntervals}) stay whole, rounded to the nearest: a
     * quarter of a request added to a lower bound of 0 would leave out every day with none, which the interval was
     * made to hold.
     */
    public static ForecastPoint moved(ForecastPoint point, double yhat) {
        double to = Math.max(0, yhat);
        double lower = to - (point.yhat() - point.lower());
        double upper = to + (point.upper() - point.yhat());
        if (point.lower() == Math.rint(point.lower()) && point.upper() == Math.rint(point.upper())) {
            lower = Math.rint(lower);
            upper = Math.rint(upper);
        }
        return new ForecastPoint(
                point.date(), to, Math.min(to, Math.max(0, lower)), Math.max(to, upper), point.level());
    }

    /**
     * {@code W = S R* S}: {@code S} the series' error scales, {@code R* = shrinkage I + (1 - shrinkage) R} with
     * {@code R} the correlations of the standardised errors {@code z} ({@code Z'Z / n} off the diagonal, 1 on it).
     */
    private record Covariance(double[] scale, double[][] z, double[] ownShare, double shrinkage, boolean identity) {

        int rows() {
            return z.length;
        }

        double[] times(double[] c) {
            int m = scale.length;
            double[] out = new double[m];
            if (identity) {
                System.arraycopy(c, 0, out, 0, m);
                return out;
            }
            double[] u = new double[m];
            for (int i = 0; i < m; i++) {
                u[i] = scale[i] * c[i];
            }
            double[] zu = new double[z.length];
            if (shrinkage < 1) {
                for (int t = 0; t < z.length; t++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) {
                        s += z[t][i] * u[i];
                    }
                    zu[t] = s;
                }
            }
            int n = z.length;
            for (int i = 0; i < m; i++) {
                double correlated = 0;
                if (shrinkage < 1) {
                    for (int t = 0; t < n; t++) {
                        correlated += z[t][i] * zu[t];
                    }
                    correlated = correlated / n - ownShare[i] * u[i];
                }
                out[i] = scale[i] * (u[i] + (1 - shrinkage) * correlated);
            }
            return out;
        }

        static Covariance learn(List<List<ForecastPoint>> forecasts, List<CalibrationErrors> errors, Weights weights) {
            int m = forecasts.size();
            if (weights == Weights.OLS) {
                return new Covariance(new double[m], new double[0][m], new double[m], 1, true);
            }
            TreeSet<LocalDate> origins = new TreeSet<>();
            errors.forEach(e -> origins.addAll(e.origins()));
            List<LocalDate> dates = new ArrayList<>(origins);
            double[][] all = new double[dates.size() * ERROR_STEPS][m];
            boolean[] anyError = new boolean[all.length];
            double[] scale = new double[m];
            for (int i = 0; i < m; i++) {
                CalibrationErrors e = errors.get(i);
                double squares = 0;
                int count = 0;
                for (int d = 0; d < dates.size(); d++) {
                    for (int s = 0; s < ERROR_STEPS; s++) {
                        double v = e.error(dates.get(d), s);
                        if (Double.isFinite(v)) {
                            all[d * ERROR_STEPS + s][i] = v;
                            anyError[d * ERROR_STEPS + s] = true;
                            squares += v * v;
                            count++;
                        }
                    }
                }
                double fromErrors = count == 0 ? 0 : Math.sqrt(squares / count);
                scale[i] = Math.max(MIN_SCALE, count == 0 ? intervalScale(forecasts.get(i)) : fromErrors);
            }
            // only the (origin, day) rows some series has an error for: a horizon shorter than ERROR_STEPS leaves
            // the later days empty for every series, and empty rows would only dilute the correlations
            List<double[]> rows = new ArrayList<>();
            for (int t = 0; t < all.length; t++) {
                if (anyError[t]) {
                    rows.add(all[t]);
                }
            }
            double[][] x = rows.toArray(new double[0][]);
            int n = x.length;
            double[] ownShare = new double[m];
            for (int t = 0; t < n; t++) {
                for (int i = 0; i < m; i++) {
                    x[t][i] /= scale[i];
                    ownShare[i] += x[t][i] * x[t][i];
                }
            }
            for (int i = 0; i < m; i++) {
                ownShare[i] = n == 0 ? 0 : ownShare[i] / n;
            }
            double shrinkage = weights == Weights.WLS_VARIANCE || n < 2 ? 1 : shrinkage(x);
            return new Covariance(scale, x, ownShare, shrinkage, false);
        }

        /**
         * The interval's width on the first day over the normal's at its level: a scale for a series without errors.
         */
        private static double intervalScale(List<ForecastPoint> forecast) {
            ForecastPoint first = forecast.get(0);
            double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - first.level()) / 2);
            return (first.upper() - first.lower()) / (2 * z);
        }

        /**
         * Schäfer and Strimmer's optimal shrinkage of the correlations towards none: the summed estimation variance of
         * the off-diagonal correlations over their summed squares, in [0, 1]. Computed through the rows' Gram matrix
         * (n x n), never the series' (m x m).
         */
        private static double shrinkage(double[][] z) {
            int n = z.length;
            int m = z[0].length;
            double fourthCross = 0; // sum over i != j of sum_t z_ti^2 z_tj^2
            double[] columnSquares = new double[m];
            for (double[] row : z) {
                double squares = 0;
                double fourths = 0;
                for (int i = 0; i < m; i++) {
                    double s = row[i] * row[i];
                    squares += s;
                    fourths += s * s;
                    columnSquares[i] += s;
                }
                fourthCross += squares * squares - fourths;
            }
            double gram = 0; // ||Z Z'||_F^2 = ||Z'Z||_F^2
            for (int s = 0; s < n; s++) {
                for (int t = s; t < n; t++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) {
                        dot += z[s][i] * z[t][i];
                    }
                    gram += (s == t ? 1 : 2) * dot * dot;
                }
            }
            double diagonal = 0;
            for (double c : columnSquares) {
                diagonal += c * c;
            }
            double crossSquares = gram - diagonal; // sum over i != j of (sum_t z_ti z_tj)^2
            double variance = (fourthCross - crossSquares / n) / ((double) n * (n - 1));
            double squaredCorrelations = crossSquares / ((double) n * n);
            if (squaredCorrelations <= 0) {
                return 1;
            }
            return Math.max(0, Math.min(1, variance / squaredCorrelations));
        }
    }
}
