package org.nyc311.forecast.interval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntervalCalibrationTest {

    @Test
    void coversTheLevelOnFreshErrorsFromTheSameProcess() {
        SplittableRandom r = new SplittableRandom(1);
        IntervalCalibration cal = IntervalCalibration.learn(errors(r, 300, 7, false), new double[300][7], 0.95);
        double[][] fresh = errors(r, 400, 7, false);
        assertThat(coverage(cal, fresh)).isBetween(0.93, 0.97);
    }

    @Test
    void aHeavyUpperTailGivesAWiderUpperEnd() {
        SplittableRandom r = new SplittableRandom(2);
        IntervalCalibration cal = IntervalCalibration.learn(errors(r, 300, 7, true), new double[300][7], 0.95);
        assertThat(cal.highQuantile()).isGreaterThan(-cal.lowQuantile() * 1.5);
        assertThat(coverage(cal, errors(r, 400, 7, true))).isBetween(0.93, 0.97);
    }

    @Test
    void aHigherLevelGivesAWiderInterval() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] e = errors(r, 40, 7, false);
        double[] yhat = {100, 100, 100, 100, 100, 100, 100};
        double[][] b80 = IntervalCalibration.learn(e, new double[40][7], 0.80).bounds(yhat, new double[7]);
        double[][] b95 = IntervalCalibration.learn(e, new double[40][7], 0.95).bounds(yhat, new double[7]);
        assertThat(b95[1][0] - b95[0][0]).isGreaterThan(b80[1][0] - b80[0][0]);
        assertThat(b95[0][0]).isLessThanOrEqualTo(100);
        assertThat(b95[1][0]).isGreaterThanOrEqualTo(100);
    }

    @Test
    void anOldShockIsForgottenAtTheHalfLifeAndARecentOneIsNot() {
        SplittableRandom r = new SplittableRandom(4);
        // 40 weekly origins, latest first: the 10 oldest (7-10 months back) had errors three times today's
        double[][] e = errors(r, 40, 7, false);
        double[] ages = new double[40];
        for (int k = 0; k < 40; k++) {
            ages[k] = 7.0 * (k + 1);
            if (k >= 30) {
                for (int h = 0; h < 7; h++) {
                    e[k][h] *= 3;
                }
            }
        }
        double[][] spreads = new double[40][7];

        IntervalCalibration remembering = IntervalCalibration.learn(e, spreads, 0.95);
        IntervalCalibration forgetting = IntervalCalibration.learn(e, spreads, ages, 56, 0.95);
        double[][] shockNow = reversed(e);
        IntervalCalibration recentShock = IntervalCalibration.learn(shockNow, spreads, ages, 56, 0.95);

        double[] yhat = {100, 100, 100, 100, 100, 100, 100};
        double widthRemembering = width(remembering, yhat);
        double widthForgetting = width(forgetting, yhat);
        assertThat(widthForgetting).isLessThan(0.8 * widthRemembering);
        assertThat(width(recentShock, yhat)).isGreaterThan(1.5 * widthForgetting);
        assertThat(coverage(forgetting, errors(r, 400, 7, false)))
                .as("today's errors, once the shock is forgotten")
                .isBetween(0.92, 0.99);
    }

    @Test
    void anInfiniteHalfLifeIsThePlainConformalRankAndOnlyOldOriginsStayConservative() {
        org.assertj.core.data.Offset<Double> within = org.assertj.core.data.Offset.offset(1e-12);
        SplittableRandom r = new SplittableRandom(5);
        double[][] e = errors(r, 40, 7, false);
        double[] ages = new double[40];
        java.util.Arrays.setAll(ages, k -> 7.0 * (k + 1));

        IntervalCalibration plain = IntervalCalibration.learn(e, new double[40][7], 0.95);
        // the plain conformal ranks in exact arithmetic: the ceil((m+1)(1-a/2))-th and the floor((m+1)a/2)-th smallest
        // of m normalised errors, at levels and counts where (m+1)a/2 is whole (before forgetting, the calibration
        // computed these in doubles and took the neighbouring rank at some of them, level 0.9 with 259 errors)
        for (String[] levelAndOrigins :
                new String[][] {{"0.9", "259"}, {"0.8", "49"}, {"0.95", "279"}, {"0.95", "39"}, {"0.95", "119"}}) {
            java.math.BigDecimal halfAlpha = java.math.BigDecimal.ONE
                    .subtract(new java.math.BigDecimal(levelAndOrigins[0]))
                    .divide(java.math.BigDecimal.valueOf(2));
            double level = Double.parseDouble(levelAndOrigins[0]);
            int m = Integer.parseInt(levelAndOrigins[1]);
            double[][] one = errors(new SplittableRandom(m), m, 1, false);
            double mae = java.util.Arrays.stream(one)
                            .mapToDouble(row -> Math.abs(row[0]))
                            .sum()
                    / m;
            double[] z = java.util.Arrays.stream(one)
                    .mapToDouble(row -> row[0] / mae)
                    .sorted()
                    .toArray();
            java.math.BigDecimal mPlusOne = java.math.BigDecimal.valueOf(m + 1L);
            int hi = mPlusOne.multiply(java.math.BigDecimal.ONE.subtract(halfAlpha))
                            .setScale(0, java.math.RoundingMode.CEILING)
                            .intValueExact()
                    - 1;
            int lo = mPlusOne.multiply(halfAlpha)
                            .setScale(0, java.math.RoundingMode.FLOOR)
                            .intValueExact()
                    - 1;
            hi = Math.min(m - 1, Math.max(0, hi));
            lo = Math.min(m - 1, Math.max(0, lo));
            double[] anyAge = new double[m];
            java.util.Arrays.fill(anyAge, 70);

            IntervalCalibration infinite =
                    IntervalCalibration.learn(one, new double[m][1], anyAge, Double.POSITIVE_INFINITY, level);

            assertThat(infinite.highQuantile())
                    .as("upper end, level %s, m %d", level, m)
                    .isCloseTo(z[hi], within);
            assertThat(infinite.lowQuantile())
                    .as("lower end, level %s, m %d", level, m)
                    .isCloseTo(z[lo], within);
        }

        // every origin a decade old: they weigh next to nothing against the new point, so the ends are the extremes
        java.util.Arrays.fill(ages, 3_650);
        IntervalCalibration stale = IntervalCalibration.learn(e, new double[40][7], ages, 56, 0.95);
        assertThat(stale.highQuantile()).isGreaterThan(plain.highQuantile());
        assertThat(stale.lowQuantile()).isLessThan(plain.lowQuantile());
    }

    private static double width(IntervalCalibration cal, double[] yhat) {
        double[][] b = cal.bounds(yhat, new double[yhat.length]);
        return b[1][0] - b[0][0];
    }

    private static double[][] reversed(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            out[k] = rows[rows.length - 1 - k];
        }
        return out;
    }

    /** log errors of a forecast of 100: normal with sd 0.1, or with storm-like upward jumps. */
    private static double[][] errors(SplittableRandom r, int origins, int horizon, boolean storms) {
        double[][] e = new double[origins][horizon];
        for (int k = 0; k < origins; k++) {
            for (int h = 0; h < horizon; h++) {
                double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                e[k][h] = 0.1 * g + (storms && r.nextDouble() < 0.06 ? 1.5 * r.nextDouble() : 0);
            }
        }
        return e;
    }

    private static double coverage(IntervalCalibration cal, double[][] logErrors) {
        int covered = 0;
        int total = 0;
        int horizon = logErrors[0].length;
        double[] yhat = new double[horizon];
        java.util.Arrays.fill(yhat, 100);
        double[][] b = cal.bounds(yhat, new double[horizon]);
        for (double[] fold : logErrors) {
            for (int h = 0; h < horizon; h++) {
                double actual = Math.expm1(Math.log1p(100) + fold[h]);
                if (actual >= b[0][h] && actual <= b[1][h]) {
                    covered++;
                }
                total++;
            }
        }
        return (double) covered / total;
    }
}
