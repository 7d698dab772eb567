package org.nyc311.anomaly.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.engine.ObservedDay;

class RunSumCeilingTest {

    private static final LocalDate START = LocalDate.of(2023, 1, 1);
    private static final int WARM_UP = 28;

    @Test
    void exactForecastsCatchEverySpikeAndEveryRampOnItsFirstDays() {
        double[] counts = counts(60, t -> 100);

        RunSumCeiling r = RunSumCeiling.over(days(counts, t -> 100), counts, WARM_UP, 3, 5);

        assertThat(r.threshold()).isZero();
        assertThat(r.spikeRecall(0.5)).isEqualTo(1.0);
        assertThat(r.ramps(0.2, 5).byPeak()).isEqualTo(1.0);
        assertThat(r.ramps(0.2, 5).withLead()).isEqualTo(1.0);
        assertThat(r.windows()).isEqualTo(58);
    }

    @Test
    void theWorstUntouchedWindowSetsTheBarAndOnlySpikesAboveItCount() {
        // forecasts of 100 on a series of 100, except one untouched run of three days at 150 (a heat wave): the bar is
        // that run's sum, 3 x log(151/101); a +50% spike on days of 100 sums to exactly that and is not above it
        double[] counts = counts(60, t -> t >= 30 && t < 33 ? 150 : 100);
        RunSumCeiling ceiling = RunSumCeiling.over(days(counts, t -> 100), counts, WARM_UP, 3, 5);
        assertThat(ceiling.threshold()).isCloseTo(3 * Math.log(151.0 / 101), within(1e-12));
        // only the windows that overlap the heat wave itself sum above it
        assertThat(ceiling.spikeRecall(0.5)).isCloseTo(5 / 58.0, within(1e-12));

        assertThat(ceiling.spikeRecall(1.0)).isEqualTo(1.0);
    }

    @Test
    void aRampIsCaughtByItsPeakBeforeItIsCaughtEarly() {
        // a bar between the sums of the ramp's first three days (+20, +40, +60%) and of its last three (+60, +80,
        // +100%)
        double[] counts = counts(60, t -> t >= 30 && t < 33 ? 160 : 100);
        RunSumCeiling.RampRecall ramps = RunSumCeiling.over(days(counts, t -> 100), counts, WARM_UP, 3, 5)
                .ramps(0.2, 5);

        assertThat(ramps.byPeak()).isEqualTo(1.0);
        assertThat(ramps.withLead()).isLessThan(0.2);
    }

    @Test
    void tooFewDaysAreRefused() {
        double[] counts = counts(4, t -> 100);
        RunSumCeiling ceiling = RunSumCeiling.over(days(counts, t -> 100), counts, WARM_UP, 3, 5);
        assertThatThrownBy(() -> ceiling.ramps(0.2, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 5 clean days");
        assertThatThrownBy(() -> RunSumCeiling.over(days(counts, t -> 100).subList(0, 2), counts, WARM_UP, 3, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 clean days");
    }

    /** {@code WARM_UP} days of 100, then {@code n} days given by {@code actual} of their index from 0. */
    private static double[] counts(int n, java.util.function.IntToDoubleFunction actual) {
        double[] counts = new double[WARM_UP + n];
        for (int t = 0; t < counts.length; t++) {
            counts[t] = t < WARM_UP ? 100 : actual.applyAsDouble(t - WARM_UP);
        }
        return counts;
    }

    /** The days after the warm-up with the forecast {@code yhat} of their index, within a wide interval. */
    private static List<ObservedDay> days(double[] counts, java.util.function.IntToDoubleFunction yhat) {
        List<ObservedDay> out = new ArrayList<>();
        for (int t = WARM_UP; t < counts.length; t++) {
            double forecast = yhat.applyAsDouble(t - WARM_UP);
            out.add(new ObservedDay(START.plusDays(t), counts[t], forecast, forecast / 2, forecast * 2));
        }
        return out;
    }
}
