package org.nyc311.forecast.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.CalibrationErrors;
import org.nyc311.forecast.reconcile.MinTReconciliation.Weights;
import org.nyc311.model.forecast.ForecastPoint;

class MinTReconciliationTest {

    private static final LocalDate START = LocalDate.of(2026, 6, 1);

    /** The city (0) is two boroughs (1, 2); borough 1 is types 3, 4, 5 and borough 2 types 6, 7. */
    private static final Hierarchy CITY = new Hierarchy(
            8,
            List.of(
                    new Hierarchy.Sum(0, new int[] {1, 2}),
                    new Hierarchy.Sum(1, new int[] {3, 4, 5}),
                    new Hierarchy.Sum(2, new int[] {6, 7})));

    private static final double[] SCALES = {40, 25, 20, 12, 9, 6, 10, 8};

    @Test
    void withEqualWeightsTheGapIsSharedEquallyAlongTheSum() {
        Hierarchy oneSum = new Hierarchy(3, List.of(new Hierarchy.Sum(0, new int[] {1, 2})));

        List<List<ForecastPoint>> out = MinTReconciliation.reconcile(
                        oneSum,
                        List.of(constant(10, 3), constant(3, 3), constant(3, 3)),
                        List.of(CalibrationErrors.NONE, CalibrationErrors.NONE, CalibrationErrors.NONE),
                        Weights.OLS)
                .forecasts();

        // gap 4 over C C' = 3: the total gives up 4/3, each part gains 4/3
        for (int t = 0; t < 3; t++) {
            assertThat(out.get(0).get(t).yhat()).isCloseTo(10 - 4.0 / 3, within(1e-9));
            assertThat(out.get(1).get(t).yhat()).isCloseTo(3 + 4.0 / 3, within(1e-9));
            assertThat(out.get(2).get(t).yhat()).isCloseTo(3 + 4.0 / 3, within(1e-9));
        }
    }

    @Test
    void everySumAddsUpOnEveryDayAfterReconciliation() {
        SplittableRandom random = new SplittableRandom(7);
        List<List<ForecastPoint>> base = new ArrayList<>();
        double[] levels = {1000, 600, 400, 300, 200, 100, 250, 150};
        for (int i = 0; i < 8; i++) {
            base.add(noisy(levels[i], SCALES[i], 30, random));
        }
        double before = maxIncoherence(base);

        for (Weights weights : Weights.values()) {
            MinTReconciliation.Result result =
                    MinTReconciliation.reconcile(CITY, base, independentErrors(random), weights);
            assertThat(before).isGreaterThan(0.01);
            assertThat(maxIncoherence(result.forecasts())).as(weights.name()).isLessThan(1e-9);
        }
    }

    @Test
    void forecastsThatAlreadyAddUpAreLeftAlone() {
        SplittableRandom random = new SplittableRandom(3);
        double[] types = {300, 200, 100, 250, 150};
        List<List<ForecastPoint>> base = new ArrayList<>();
        base.add(constant(1000, 7));
        base.add(constant(600, 7));
        base.add(constant(400, 7));
        for (double t : types) {
            base.add(constant(t, 7));
        }

        List<List<ForecastPoint>> out = MinTReconciliation.reconcile(
                        CITY, base, independentErrors(random), Weights.MINT_SHRINK)
                .forecasts();

        for (int i = 0; i < 8; i++) {
            assertThat(out.get(i).get(3).yhat()).isCloseTo(base.get(i).get(3).yhat(), within(1e-9));
        }
    }

    @Test
    void aSeriesWhoseForecastsAreUsuallyRightMovesLeast() {
        Hierarchy oneSum = new Hierarchy(3, List.of(new Hierarchy.Sum(0, new int[] {1, 2})));
        SplittableRandom random = new SplittableRandom(11);
        List<CalibrationErrors> errors = List.of(errors(random, 2), errors(random, 2), errors(random, 60));

        List<List<ForecastPoint>> out = MinTReconciliation.reconcile(
                        oneSum,
                        List.of(constant(1000, 1), constant(600, 1), constant(300, 1)),
                        errors,
                        Weights.WLS_VARIANCE)
                .forecasts();

        double total = out.get(0).get(0).yhat();
        double quiet = out.get(1).get(0).yhat();
        double noisy = out.get(2).get(0).yhat();
        assertThat(total).isCloseTo(quiet + noisy, within(1e-9));
        assertThat(Math.abs(quiet - 600)).isLessThan(2);
        assertThat(Math.abs(total - 1000)).isLessThan(2);
        assertThat(noisy).isGreaterThan(396);
    }

    /**
     * The reason to reconcile: forecasts that share information are more accurate together. Each series' forecast is
     * its truth plus an independent error of its own scale; the reconciled forecasts are closer to the truth, summed
     * over every series and trial, than the series' own, and the shrinkage sees no correlation worth keeping.
     */
    @Test
    void reconciledForecastsAreCloserToTheTruthThanTheSeriesOwn() {
        SplittableRandom random = new SplittableRandom(2026);
        double baseSquares = 0;
        double reconciledSquares = 0;
        double shrinkage = 0;
        int trials = 200;
        for (int trial = 0; trial < trials; trial++) {
            double[] truth = new double[8];
            for (int i = 3; i < 8; i++) {
                truth[i] = 100 + 300 * random.nextDouble();
            }
            truth[1] = truth[3] + truth[4] + truth[5];
            truth[2] = truth[6] + truth[7];
            truth[0] = truth[1] + truth[2];
            List<List<ForecastPoint>> base = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                base.add(constant(Math.max(0, truth[i] + SCALES[i] * random.nextGaussian()), 1));
            }
            MinTReconciliation.Result result =
                    MinTReconciliation.reconcile(CITY, base, independentErrors(random), Weights.MINT_SHRINK);
            shrinkage += result.shrinkage() / trials;
            for (int i = 0; i < 8; i++) {
                baseSquares += square(base.get(i).get(0).yhat() - truth[i]);
                reconciledSquares += square(result.forecasts().get(i).get(0).yhat() - truth[i]);
            }
        }
        assertThat(reconciledSquares).isLessThan(0.8 * baseSquares);
        assertThat(shrinkage).isGreaterThan(0.5);
    }

    @Test
    void correlatedErrorsAreKeptWhenTheyAreStrongAndTheShrinkageSaysSo() {
        SplittableRandom random = new SplittableRandom(5);
        // every type's error is mostly one shared shock: the correlations are strong and well estimated
        List<CalibrationErrors> errors = new ArrayList<>();
        double[][] shared = new double[40][MinTReconciliation.ERROR_STEPS];
        for (double[] row : shared) {
            for (int s = 0; s < row.length; s++) {
                row[s] = random.nextGaussian();
            }
        }
        for (int i = 0; i < 8; i++) {
            double[][] e = new double[40][MinTReconciliation.ERROR_STEPS];
            for (int k = 0; k < 40; k++) {
                for (int s = 0; s < e[k].length; s++) {
                    e[k][s] = SCALES[i] * (0.95 * shared[k][s] + 0.3 * random.nextGaussian());
                }
            }
            errors.add(new CalibrationErrors(origins(40), e));
        }
        double[] levels = {1000, 600, 400, 300, 200, 100, 250, 150};
        List<List<ForecastPoint>> base = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            base.add(noisy(levels[i], SCALES[i], 7, random));
        }

        MinTReconciliation.Result result = MinTReconciliation.reconcile(CITY, base, errors, Weights.MINT_SHRINK);

        assertThat(result.shrinkage()).isLessThan(0.2);
        assertThat(result.errorRows()).isEqualTo(40 * MinTReconciliation.ERROR_STEPS);
        assertThat(maxIncoherence(result.forecasts())).isLessThan(1e-9);
    }

    /**
     * The same answer as MinT written out in full: {@code W} formed as an 8 x 8 matrix from the standardised errors
     * and hts's {@code shrink.estim} intensity, {@code y~ = y^ - W C' (C W C')^-1 C y^} solved densely.
     */
    @Test
    void theShrinkageAndTheReconciledForecastsAreMinTsWrittenOutInFull() {
        SplittableRandom random = new SplittableRandom(17);
        int m = 8;
        int rows = 40 * MinTReconciliation.ERROR_STEPS;
        double[][] x = new double[rows][m];
        List<CalibrationErrors> errors = new ArrayList<>();
        double[][][] perSeries = new double[m][40][MinTReconciliation.ERROR_STEPS];
        for (int k = 0; k < 40; k++) {
            for (int s = 0; s < MinTReconciliation.ERROR_STEPS; s++) {
                double shared = random.nextGaussian();
                for (int i = 0; i < m; i++) {
                    double e = SCALES[i] * (0.6 * shared + 0.8 * random.nextGaussian());
                    perSeries[i][k][s] = e;
                    x[k * MinTReconciliation.ERROR_STEPS + s][i] = e;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            errors.add(new CalibrationErrors(origins(40), perSeries[i]));
        }
        double[] levels = {1000, 600, 400, 300, 200, 100, 250, 150};
        List<List<ForecastPoint>> base = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            base.add(noisy(levels[i], SCALES[i], 1, random));
        }

        MinTReconciliation.Result result = MinTReconciliation.reconcile(CITY, base, errors, Weights.MINT_SHRINK);

        // hts: covm = crossprod(x)/n, xs = x / sqrt(diag(covm)), v = (crossprod(xs^2) - crossprod(xs)^2/n)/(n(n-1))
        double[] sd = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[i] * row[i];
            }
            sd[i] = Math.sqrt(sum / rows);
        }
        double[][] r = new double[m][m];
        double v = 0;
        double d = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double cross = 0;
                double fourth = 0;
                for (double[] row : x) {
                    double zi = row[i] / sd[i];
                    double zj = row[j] / sd[j];
                    cross += zi * zj;
                    fourth += zi * zi * zj * zj;
                }
                r[i][j] = cross / rows;
                if (i != j) {
                    v += (fourth - cross * cross / rows) / ((double) rows * (rows - 1));
                    d += r[i][j] * r[i][j];
                }
            }
        }
        double lambda = Math.max(0, Math.min(1, v / d));
        assertThat(result.shrinkage()).isCloseTo(lambda, within(1e-12));
        org.apache.commons.math3.linear.RealMatrix w = new org.apache.commons.math3.linear.Array2DRowRealMatrix(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double correlation = i == j ? 1 : (1 - lambda) * r[i][j];
                w.setEntry(i, j, sd[i] * sd[j] * correlation);
            }
        }
        org.apache.commons.math3.linear.RealMatrix c = new org.apache.commons.math3.linear.Array2DRowRealMatrix(3, m);
        for (int k = 0; k < 3; k++) {
            Hierarchy.Sum sum = CITY.sums().get(k);
            c.setEntry(k, sum.total(), 1);
            for (int part : sum.parts()) {
                c.setEntry(k, part, -1);
            }
        }
        org.apache.commons.math3.linear.RealVector yhat = new org.apache.commons.math3.linear.ArrayRealVector(m);
        for (int i = 0; i < m; i++) {
            yhat.setEntry(i, base.get(i).get(0).yhat());
        }
        org.apache.commons.math3.linear.RealMatrix wct = w.multiply(c.transpose());
        org.apache.commons.math3.linear.RealVector expected =
                yhat.subtract(wct.operate(new org.apache.commons.math3.linear.LUDecomposition(c.multiply(wct))
                        .getSolver()
                        .solve(c.operate(yhat))));
        for (int i = 0; i < m; i++) {
            assertThat(result.forecasts().get(i).get(0).yhat()).isCloseTo(expected.getEntry(i), within(1e-9));
        }
        assertThat(lambda).isBetween(0.01, 0.99);
    }

    @Test
    void intervalsMoveWithTheirPointAndNeverBelowZero() {
        Hierarchy oneSum = new Hierarchy(3, List.of(new Hierarchy.Sum(0, new int[] {1, 2})));
        List<ForecastPoint> small = List.of(new ForecastPoint(START, 1, 0.5, 4, 0.95));
        List<ForecastPoint> big = List.of(new ForecastPoint(START, 20, 15, 27, 0.95));
        List<ForecastPoint> total = List.of(new ForecastPoint(START, 10, 6, 14, 0.95));

        List<List<ForecastPoint>> out = MinTReconciliation.reconcile(
                        oneSum,
                        List.of(total, small, big),
                        List.of(CalibrationErrors.NONE, CalibrationErrors.NONE, CalibrationErrors.NONE),
                        Weights.OLS)
                .forecasts();

        // gap 10 - 21 = -11: the total rises by 11/3, each part falls by 11/3 and the small one stops at zero
        ForecastPoint smallAfter = out.get(1).get(0);
        assertThat(smallAfter.yhat()).isZero();
        assertThat(smallAfter.lower()).isZero();
        assertThat(smallAfter.upper()).isCloseTo(4 - 1, within(1e-9));
        ForecastPoint bigAfter = out.get(2).get(0);
        assertThat(bigAfter.yhat()).isCloseTo(20 - 11.0 / 3, within(1e-9));
        assertThat(bigAfter.upper() - bigAfter.lower()).isCloseTo(12, within(1e-9));
    }

    @Test
    void aSeriesInTwoSumsIsRefused() {
        assertThatThrownBy(() -> new Hierarchy(
                        4, List.of(new Hierarchy.Sum(0, new int[] {1, 2}), new Hierarchy.Sum(3, new int[] {2}))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part of two sums");
    }

    private static List<CalibrationErrors> independentErrors(SplittableRandom random) {
        List<CalibrationErrors> out = new ArrayList<>();
        for (double scale : SCALES) {
            out.add(errors(random, scale));
        }
        return out;
    }

    private static CalibrationErrors errors(SplittableRandom random, double scale) {
        double[][] e = new double[40][MinTReconciliation.ERROR_STEPS];
        for (double[] row : e) {
            for (int s = 0; s < row.length; s++) {
                row[s] = scale * random.nextGaussian();
            }
        }
        return new CalibrationErrors(origins(40), e);
    }

    private static List<LocalDate> origins(int count) {
        List<LocalDate> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(START.minusDays(7L * k));
        }
        return out;
    }

    private static List<ForecastPoint> constant(double value, int days) {
        List<ForecastPoint> out = new ArrayList<>();
        for (int t = 0; t < days; t++) {
            out.add(new ForecastPoint(START.plusDays(t), value, value * 0.8, value * 1.2, 0.95));
        }
        return out;
    }

    private static List<ForecastPoint> noisy(double level, double scale, int days, SplittableRandom random) {
        List<ForecastPoint> out = new ArrayList<>();
        for (int t = 0; t < days; t++) {
            double v = Math.max(0, level + scale * random.nextGaussian());
            out.add(new ForecastPoint(START.plusDays(t), v, v * 0.8, v * 1.2, 0.95));
        }
        return out;
    }

    private static double maxIncoherence(List<List<ForecastPoint>> forecasts) {
        double worst = 0;
        for (int t = 0; t < forecasts.get(0).size(); t++) {
            double[] day = new double[forecasts.size()];
            for (int i = 0; i < day.length; i++) {
                day[i] = forecasts.get(i).get(t).yhat();
            }
            worst = Math.max(worst, CITY.sums().size() == 1 ? 0 : CITY.incoherence(day));
        }
        return worst;
    }

    private static double square(double v) {
        return v * v;
    }
}
