package org.nyc311.forecast.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RollingOriginsTest {

    @Test
    void searchOriginsStepHalfAHorizonBackFromAFullHorizonBeforeTheEnd() {
        RollingOrigins o = RollingOrigins.of(731, 30, 4);
        assertThat(o.search()).containsExactly(701, 686, 671, 656);
    }

    @Test
    void calibrationOriginsStepAWeekBackWhateverTheHorizon() {
        for (int horizon : new int[] {7, 30}) {
            RollingOrigins o = RollingOrigins.of(731, horizon, 4);
            assertThat(o.calibration()).hasSize(RollingOrigins.CALIBRATION_ORIGINS);
            assertThat(o.calibration()[0]).isEqualTo(731 - horizon);
            for (int k = 1; k < o.calibration().length; k++) {
                assertThat(o.calibration()[k - 1] - o.calibration()[k]).isEqualTo(RollingOrigins.CALIBRATION_STEP);
            }
        }
    }

    @Test
    void neverTrainsOnFewerThanTheMinimumDays() {
        RollingOrigins o = RollingOrigins.of(100, 7, 4);
        assertThat(Arrays.stream(o.calibration()).min().orElseThrow())
                .isGreaterThanOrEqualTo(RollingOrigins.MIN_TRAINING_DAYS);
        assertThat(RollingOrigins.of(40, 7, 4).usable()).isFalse();
    }
}
