package org.nyc311.anomaly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.engine.DetectionSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code nyc311.anomaly.*} as Spring Boot binds it, down to the settings anomaly-engine's detector is built with. */
class AnomalyPropertiesTest {

    private static AnomalyProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("nyc311.anomaly", AnomalyProperties.class);
    }

    @Test
    void withNothingSetTheDetectorHasAnomalyEnginesDefaults() {
        assertThat(bind(Map.of()).detectionSettings()).isEqualTo(DetectionSettings.defaults());
    }

    @Test
    void theEvidenceRuleIsTurnedOnAndTunedUnderItsOwnKeys() {
        DetectionSettings settings = bind(Map.of(
                        "nyc311.anomaly.evidence.enabled",
                        "true",
                        "nyc311.anomaly.evidence.slack",
                        "0.5",
                        "nyc311.anomaly.evidence.threshold",
                        "5"))
                .detectionSettings();

        assertThat(settings.evidence()).isEqualTo(DetectionSettings.Evidence.on(0.5, 5));
        assertThat(settings.consecutiveDays()).isEqualTo(DetectionSettings.DEFAULT_CONSECUTIVE_DAYS);
    }

    @Test
    void aThresholdOneDayCouldReachIsRefusedAtStartup() {
        AnomalyProperties properties =
                bind(Map.of("nyc311.anomaly.evidence.enabled", "true", "nyc311.anomaly.evidence.threshold", "1"));

        assertThatThrownBy(properties::detectionSettings)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
    }
}
