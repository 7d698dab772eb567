package org.nyc311.anomaly.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.engine.ObservedDay;
import org.nyc311.anomaly.engine.bench.ThresholdCeiling.Score;

class ThresholdCeilingTest {

    private static final LocalDate START = LocalDate.of(2023, 1, 1);
    private static final int WARM_UP = 28;

    @Test
    void exactForecastsCatchEverySpikeWithoutASingleFalseFlag() {
        double[] counts = counts(100, i -> 100);
        ThresholdCeiling.Result r =
                ThresholdCeiling.of(days(counts, 110), counts, WARM_UP, 0.5, 3, 5, 0.05, Score.COUNT);
        assertThat(r.cleanFlagRate()).isZero();
        assertThat(r.windowRecall()).isEqualTo(1.0);
        assertThat(r.windows()).isEqualTo(98);
    }

    @Test
    void theThresholdSpendsTheWholeBudgetAndOnlyTheHighestDaysCarryASmallSpikeOverIt() {
        // actuals rise from 60 to 139.2 around a flat forecast of 100 with upper bound 160, so the
        // issue's rule flags nothing; the budget allows 5 of 100 days, so the threshold sits at the
        // sixth highest day (135.2, score 35.2 / 60), and a +10 spike clears it from 125.2 on:
        // days 82..99, so the 3-day windows starting at 82..97
        double[] counts = counts(100, i -> 60 + 0.8 * i);
        ThresholdCeiling.Result r =
                ThresholdCeiling.of(days(counts, 160), counts, WARM_UP, 1e-6, 3, 10, 0.05, Score.COUNT);
        assertThat(r.threshold()).isCloseTo(35.2 / 60, within(1e-9));
        assertThat(r.cleanFlagRate()).isEqualTo(0.05);
        assertThat(r.windowRecall()).isCloseTo(16 / 98.0, within(1e-12));
        assertThat(r.dayRecall()).isBetween(16 / 98.0, 18 / 98.0);
    }

    @Test
    void onTheLogScaleTheSameOrderingGivesTheSameCeiling() {
        double[] counts = counts(100, i -> 60 + 0.8 * i);
        ThresholdCeiling.Result count =
                ThresholdCeiling.of(days(counts, 160), counts, WARM_UP, 1e-6, 3, 10, 0.05, Score.COUNT);
        ThresholdCeiling.Result log =
                ThresholdCeiling.of(days(counts, 160), counts, WARM_UP, 1e-6, 3, 10, 0.05, Score.LOG);
        // with one forecast and one bound for every day both scores order days alike
        assertThat(log.windowRecall()).isEqualTo(count.windowRecall());
        assertThat(log.cleanFlagRate()).isEqualTo(0.05);
    }

    /** {@code WARM_UP} days of 100, then {@code n} days given by {@code actual}. */
    private static double[] counts(int n, java.util.function.IntToDoubleFunction actual) {
        double[] counts = new double[WARM_UP + n];
        for (int t = 0; t < counts.length; t++) {
            counts[t] = t < WARM_UP ? 100 : actual.applyAsDouble(t - WARM_UP);
        }
        return counts;
    }

    /** The days after the warm-up, each forecast 100 with the interval [40, upper]. */
    private static List<ObservedDay> days(double[] counts, double upper) {
        List<ObservedDay> out = new ArrayList<>();
        for (int t = WARM_UP; t < counts.length; t++) {
            out.add(new ObservedDay(START.plusDays(t), counts[t], 100, 40, upper));
        }
        return out;
    }
}
