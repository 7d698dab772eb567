package org.nyc311.dashboard.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void aShareAndAValueInPercentBothReadAsPercentages() {
        // coverage is served as a share, WAPE and MAPE in percent (forecast-engine's Accuracy)
        assertThat(Formats.percent(0.925)).isEqualTo("92.5%");
        assertThat(Formats.percentPoints(15.473)).isEqualTo("15.5%");
        assertThat(Formats.percent(null)).isEqualTo("—");
        assertThat(Formats.percentPoints(null)).isEqualTo("—");
    }
}
