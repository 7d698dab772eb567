package org.nyc311.forecast.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void pooledMetricsWeighEachSeriesByItsPoints() {
        Accuracy pooled = Accuracy.pooled(
                List.of(new Accuracy(10, 20, 1.0, 0.9, 30, 0), new Accuracy(40, 50, 2.0, 0.6, 10, 5), Accuracy.NONE));

        assertThat(pooled.points()).isEqualTo(40);
        assertThat(pooled.zeroActualDays()).isEqualTo(5);
        assertThat(pooled.wape()).isCloseTo((20 * 30 + 50 * 10) / 40.0, within(1e-9));
        assertThat(pooled.mase()).isCloseTo((1.0 * 30 + 2.0 * 10) / 40.0, within(1e-9));
        assertThat(pooled.coverage()).isCloseTo((0.9 * 30 + 0.6 * 10) / 40.0, within(1e-9));
        // MAPE only over the days it is defined on: 30 and 10 - 5
        assertThat(pooled.mape()).isCloseTo((10 * 30 + 40 * 5) / 35.0, within(1e-9));
    }

    @Test
    void mapeIsUndefinedWhenEveryPooledActualWasZero() {
        Accuracy pooled = Accuracy.pooled(List.of(new Accuracy(Double.NaN, Double.NaN, 1.5, 1.0, 7, 7)));

        assertThat(pooled.mape()).isNaN();
        assertThat(pooled.mase()).isEqualTo(1.5);
        assertThat(pooled.points()).isEqualTo(7);
    }

    @Test
    void withoutAnyPointsThePooledAccuracyIsUndefined() {
        assertThat(Accuracy.pooled(List.of(Accuracy.NONE))).isEqualTo(Accuracy.NONE);
        assertThat(Accuracy.pooled(List.of())).isEqualTo(Accuracy.NONE);
    }
}
