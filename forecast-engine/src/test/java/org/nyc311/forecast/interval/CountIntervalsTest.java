package org.nyc311.forecast.interval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.junit.jupiter.api.Test;

class CountIntervalsTest {

    @Test
    void errorsNoWiderThanAPoissonsGiveThePoissonsOwnQuantiles() {
        double[][] predictions = constant(40, 7, 4.0);
        double[][] actuals = poissonDraws(predictions, 7);

        CountIntervals intervals = CountIntervals.learn(actuals, predictions, new double[40], 0.95);
        double[][] bounds = intervals.bounds(new double[] {4.0}, 0);

        assertThat(intervals.dispersion()).isLessThan(0.05);
        // Poisson(4): P(X <= 0) = 0.018 < 0.025 <= P(X <= 1); P(X <= 7) = 0.949 < 0.975 <= P(X <= 8) = 0.979
        assertThat(bounds[0][0]).isEqualTo(1);
        assertThat(bounds[1][0]).isEqualTo(8);
    }

    @Test
    void overdispersedErrorsWidenTheUpperEndMoreThanTheLower() {
        double[][] predictions = constant(40, 7, 4.0);
        double[][] actuals = new double[40][7];
        for (int k = 0; k < 40; k++) {
            for (int h = 0; h < 7; h++) {
                // storms: mostly quiet days, now and then a day of 20
                actuals[k][h] = (k * 7 + h) % 10 == 0 ? 20 : 2;
            }
        }

        CountIntervals intervals = CountIntervals.learn(actuals, predictions, new double[40], 0.95);
        double[][] bounds = intervals.bounds(new double[] {4.0}, 0);

        assertThat(intervals.dispersion()).isGreaterThan(0.5);
        assertThat(bounds[0][0]).isEqualTo(0);
        assertThat(bounds[1][0] - 4).isGreaterThan(4 - bounds[0][0]).isGreaterThan(8 - 4);
    }

    @Test
    void stormsLongAgoAreForgottenAtTheHalfLife() {
        double[][] predictions = constant(40, 7, 4.0);
        double[][] actuals = new double[40][7];
        double[] ages = new double[40];
        for (int k = 0; k < 40; k++) {
            ages[k] = 7.0 * (k + 1);
            for (int h = 0; h < 7; h++) {
                // the newest 20 origins quiet, the oldest 20 (five to nine months back) stormy
                actuals[k][h] = k >= 20 && (k * 7 + h) % 10 == 0 ? 20 : 4;
            }
        }

        double remembered =
                CountIntervals.learn(actuals, predictions, new double[40], 0.95).dispersion();
        double forgotten = CountIntervals.learn(actuals, predictions, new double[40], ages, 28, 0.95)
                .dispersion();

        assertThat(remembered).isGreaterThan(0.5);
        assertThat(forgotten).isLessThan(remembered / 10);
    }

    @Test
    void boundsAreWholeCountsNeverBelowZeroAndHoldThePointForecast() {
        CountIntervals intervals =
                CountIntervals.learn(constant(10, 3, 0.3), constant(10, 3, 0.3), new double[10], 0.95);

        double[][] bounds = intervals.bounds(new double[] {0.0, 0.3, 2.5}, 0);

        for (int h = 0; h < 3; h++) {
            assertThat(bounds[0][h]).isGreaterThanOrEqualTo(0).isEqualTo(Math.rint(bounds[0][h]));
            assertThat(bounds[1][h]).isEqualTo(Math.rint(bounds[1][h]));
        }
        assertThat(bounds[0][0]).isZero();
        assertThat(bounds[1][0]).isZero();
        assertThat(bounds[1][2]).isGreaterThanOrEqualTo(2.5);
    }

    @Test
    void aForecastOfNothingOnASeriesOfAFewADayIsDrawnAroundHalfItsRecentMean() {
        double[] fourADay = new double[60];
        Arrays.fill(fourADay, 4);
        CountIntervals poisson =
                CountIntervals.learn(poissonDraws(constant(40, 7, 4.0), 7), constant(40, 7, 4.0), new double[40], 0.95);

        double[][] bounds = poisson.bounds(new double[] {0.0}, CountIntervals.floor(fourADay, fourADay.length));

        // a seasonal naive copying last week's quiet day forecasts 0; the interval is Poisson(2)'s, not a point at 0
        assertThat(CountIntervals.floor(fourADay, fourADay.length)).isEqualTo(2.0);
        assertThat(bounds[0][0]).isZero();
        assertThat(bounds[1][0]).isGreaterThanOrEqualTo(5);
    }

    @Test
    void suitsOnlyASeriesOfAFewRequestsADayLately() {
        double[] busyThenQuiet = new double[100];
        double[] quietThenBusy = new double[100];
        for (int t = 0; t < 100; t++) {
            busyThenQuiet[t] = t < 60 ? 300 : 4;
            quietThenBusy[t] = t < 60 ? 4 : 300;
        }

        assertThat(CountIntervals.suits(busyThenQuiet)).isTrue();
        assertThat(CountIntervals.suits(quietThenBusy)).isFalse();
    }

    private static double[][] constant(int origins, int horizon, double value) {
        double[][] out = new double[origins][horizon];
        for (double[] row : out) {
            Arrays.fill(row, value);
        }
        return out;
    }

    private static double[][] poissonDraws(double[][] means, long seed) {
        JDKRandomGenerator random = new JDKRandomGenerator();
        random.setSeed(new SplittableRandom(seed).nextLong());
        double[][] out = new double[means.length][];
        for (int k = 0; k < means.length; k++) {
            out[k] = new double[means[k].length];
            for (int h = 0; h < means[k].length; h++) {
                out[k][h] = new PoissonDistribution(
                                random,
                                means[k][h],
                                PoissonDistribution.DEFAULT_EPSILON,
                                PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                        .sample();
            }
        }
        return out;
    }
}
