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
