package org.nyc311.forecast.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyAccumulatorTest {

    @Test
    void mapeSkipsZeroActualDaysAndCountsThem() {
        AccuracyAccumulator acc = new AccuracyAccumulator();
        acc.add(10, 12, 0, 20, 1);
        acc.add(0, 3, 1, 2, 1);
        acc.add(20, 15, 10, 30, 1);
        Accuracy a = acc.result();
        assertThat(a.mape()).isCloseTo(100 * (0.2 + 0.25) / 2, within(1e-9));
        assertThat(a.zeroActualDays()).isEqualTo(1);
        assertThat(a.wape()).isCloseTo(100 * 10.0 / 30, within(1e-9));
        assertThat(a.coverage()).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void maseDividesByTheSeasonalNaiveScaleOfTheHistory() {
        double[] history = new double[21];
        for (int t = 0; t < 21; t++) {
            history[t] = t < 14 ? 10 : 14; // week 3 is 4 above week 2; weeks 1-2 identical
        }
        double scale = AccuracyAccumulator.seasonalNaiveScale(history, 21);
        assertThat(scale).isCloseTo(2.0, within(1e-9));
        AccuracyAccumulator acc = new AccuracyAccumulator();
        acc.add(10, 13, Double.NaN, Double.NaN, scale);
        assertThat(acc.result().mase()).isCloseTo(1.5, within(1e-9));
        assertThat(acc.result().coverage()).isNaN();
    }

    @Test
    void flatHistoryScalesByOneCountInsteadOfDividingByZero() {
        assertThat(AccuracyAccumulator.seasonalNaiveScale(new double[30], 30)).isEqualTo(1.0);
    }
}
