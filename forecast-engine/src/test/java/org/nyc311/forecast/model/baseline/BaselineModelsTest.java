package org.nyc311.forecast.model.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.DailySeries;

class BaselineModelsTest {

    private static final LocalDate MONDAY = LocalDate.of(2024, 1, 1);
    private static final double[] WEEK = {100, 110, 105, 95, 90, 40, 30};

    @Test
    void seasonalNaiveRepeatsTheLastWeek() {
        double[] y = new double[17];
        for (int t = 0; t < y.length; t++) {
            y[t] = t;
        }
        double[] f = new SeasonalNaive().fit(new DailySeries(MONDAY, y)).predict(9);
        assertThat(f).containsExactly(10, 11, 12, 13, 14, 15, 16, 10, 11);
    }

    @Test
    void seasonalAverageRemovesWeekToWeekNoise() {
        DailySeries s = noisyWeeks(8, 0.2, 1);
        double[] naive = new SeasonalNaive().fit(s).predict(7);
        double[] avg = new SeasonalAverage(8).fit(s).predict(7);
        assertThat(error(avg)).isLessThan(error(naive));
    }

    @Test
    void exponentialSmoothingRecoversAWeeklyPatternUnderNoise() {
        DailySeries s = noisyWeeks(40, 0.1, 7);
        for (boolean multiplicative : new boolean[] {true, false}) {
            double[] f = new ExponentialSmoothing(multiplicative, true).fit(s).predict(14);
            for (int h = 0; h < 14; h++) {
                assertThat(f[h])
                        .as("day %d, multiplicative=%s", h, multiplicative)
                        .isCloseTo(WEEK[h % 7], within(0.12 * WEEK[h % 7]));
            }
        }
    }

    @Test
    void exponentialSmoothingFitsOnPrefixesWithoutSeeingLaterDays() {
        DailySeries s = noisyWeeks(30, 0.1, 3);
        ExponentialSmoothing ets = new ExponentialSmoothing(true, true);
        double[] fromPrefix =
                ets.onPrefixes(s, new int[] {140, 175}).fitUpTo(140).predict(7);
        // changing days after the prefix must not change its forecast
        double[] changed = s.values();
        for (int t = 140; t < changed.length; t++) {
            changed[t] = 5_000;
        }
        double[] fromChanged = ets.onPrefixes(new DailySeries(MONDAY, changed), new int[] {140, 175})
                .fitUpTo(140)
                .predict(7);
        assertThat(fromChanged).containsExactly(fromPrefix);
    }

    @Test
    void recentMeanIsFlatAndFinite() {
        double[] f = new RecentMean(28)
                .fit(new DailySeries(MONDAY, new double[] {3, 0, 5}))
                .predict(5);
        for (double v : f) {
            assertThat(v).isFinite().isGreaterThan(0);
        }
        assertThat(f[0]).isEqualTo(f[4]);
    }

    private static DailySeries noisyWeeks(int weeks, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[weeks * 7];
        for (int t = 0; t < y.length; t++) {
            y[t] = Math.round(WEEK[t % 7] * Math.exp(noise * (r.nextDouble() * 2 - 1)));
        }
        return new DailySeries(MONDAY, y);
    }

    private static double error(double[] f) {
        double e = 0;
        for (int h = 0; h < f.length; h++) {
            e += Math.abs(f[h] - WEEK[h % 7]);
        }
        return e;
    }
}
