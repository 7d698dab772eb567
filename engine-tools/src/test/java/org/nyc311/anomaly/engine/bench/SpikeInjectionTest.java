package org.nyc311.anomaly.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpikeInjectionTest {

    @Test
    void aSpikeAddsItsSizeTimesTheSameWeekdaysMedianOfTheFourWeeksBefore() {
        double[] clean = new double[35];
        for (int t = 0; t < clean.length; t++) {
            clean[t] = t % 7 == 0 ? 200 : 100;
        }
        clean[7] = 1_000; // a storm four weeks back does not move the median

        double[] spiked = new SpikeInjection(0.5, 3, 28, 5).applyTo(clean);

        assertThat(spiked[28]).isEqualTo(300);
        assertThat(spiked[29]).isEqualTo(150);
        assertThat(spiked[30]).isEqualTo(150);
        assertThat(spiked[31]).isEqualTo(100);
        assertThat(spiked[27]).isEqualTo(100);
        assertThat(clean[28]).as("input untouched").isEqualTo(200);
    }

    @Test
    void onASeriesNearZeroASpikeIsAtLeastTheMinimumExtra() {
        double[] clean = new double[40];
        clean[30] = 1;

        double[] spiked = new SpikeInjection(0.5, 1, 30, 5).applyTo(clean);

        assertThat(spiked[30]).isEqualTo(6);
    }

    @Test
    void aRampRisesByItsStepEachDayToItsPeakOnTheLastDay() {
        double[] clean = new double[40];
        java.util.Arrays.fill(clean, 100);

        double[] ramped = SpikeInjection.ramp(0.2, 5, 30, 5).applyTo(clean);

        assertThat(java.util.Arrays.copyOfRange(ramped, 29, 36)).containsExactly(100, 120, 140, 160, 180, 200, 100);
    }
}
