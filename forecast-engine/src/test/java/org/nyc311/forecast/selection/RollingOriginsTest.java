package org.nyc311.forecast.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RollingOriginsTest {

    @Test
    void searchOriginsAreTheLatestCalibrationOriginsAndLeaveAFullHorizon() {
        RollingOrigins o = RollingOrigins.of(731, 30, 4);
        assertThat(o.search()).hasSize(4);
        assertThat(o.search()[0]).isEqualTo(731 - 30);
        assertThat(Arrays.copyOf(o.calibration(), 4)).containsExactly(o.search());
        assertThat(o.calibration().length * 30).isGreaterThanOrEqualTo(RollingOrigins.CALIBRATION_POINTS);
    }

    @Test
    void neverTrainsOnFewerThanTheMinimumDays() {
        RollingOrigins o = RollingOrigins.of(100, 7, 4);
        assertThat(Arrays.stream(o.calibration()).min().orElseThrow())
                .isGreaterThanOrEqualTo(RollingOrigins.MIN_TRAINING_DAYS);
        assertThat(RollingOrigins.of(40, 7, 4).usable()).isFalse();
    }
}
