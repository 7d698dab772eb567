package org.nyc311.anomaly.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.engine.DetectionSettings;
import org.nyc311.anomaly.notify.NotifyProperties;
import org.nyc311.model.event.EventQueue;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code nyc311.anomaly.*} and {@code nyc311.services.forecast-service.*} as Spring Boot binds them, down to the
 * settings anomaly-engine's detector is built with; with nothing set, each setting has the default its record gives.
 */
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
    void theAlertsAreDerivedUnderTheDetectorsSettingsAndTheYardstickOfRuns() {
        String defaults = DetectionSettings.defaults().fingerprint();

        assertThat(bind(Map.of()).derivedUnder()).isEqualTo(defaults);
        assertThat(bind(Map.of("nyc311.anomaly.judge-runs-before", "true")).derivedUnder())
                .isEqualTo(defaults + "+runs-judged-before");
        assertThat(bind(Map.of("nyc311.anomaly.evidence.enabled", "false")).derivedUnder())
                .isEqualTo(DetectionSettings.breachRuleOnly().fingerprint())
                .isNotEqualTo(defaults);
        // where the check reads from is not a setting of the rules: changing it supersedes nothing
        assertThat(bind(Map.of("nyc311.anomaly.max-lookback-days", "60")).derivedUnder())
                .isEqualTo(defaults);
    }

    @Test
    void withNothingSetEveryServiceSettingHasItsOneDefault() {
        Binder nothing = new Binder(new MapConfigurationPropertySource(Map.of()));
        AnomalyProperties anomaly = nothing.bindOrCreate("nyc311.anomaly", AnomalyProperties.class);
        ForecastServiceProperties forecastService =
                nothing.bindOrCreate("nyc311.services.forecast-service", ForecastServiceProperties.class);
        NotifyProperties notify = nothing.bindOrCreate("nyc311.anomaly.notify", NotifyProperties.class);

        assertThat(anomaly.maxLookbackDays()).isEqualTo(120);
        assertThat(anomaly.checkVisibilityTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(anomaly.outboxRetryInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(anomaly.judgeRunsBefore()).isFalse();
        assertThat(anomaly.queues().forecastsPublished()).isEqualTo(EventQueue.FORECASTS_PUBLISHED.queueName());
        assertThat(anomaly.queues().anomalyAlert()).isEqualTo(EventQueue.ANOMALY_ALERT.queueName());

        assertThat(forecastService.url()).isEqualTo(URI.create("http://127.0.0.1:8083"));
        assertThat(forecastService.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(forecastService.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(forecastService.client().complete()).isFalse();

        assertThat(notify).isEqualTo(NotifyProperties.defaults());
        assertThat(notify.webhookUrl()).isNull();
        assertThat(notify.snsTopicArn()).isNull();
        assertThat(notify.dashboardUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(notify.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(notify.attempts()).isEqualTo(3);
        assertThat(notify.attemptWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(notify.firstRetry()).isEqualTo(Duration.ofSeconds(30));
        assertThat(notify.maxRetry()).isEqualTo(Duration.ofMinutes(30));
        assertThat(notify.maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(notify.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(notify.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theEvidenceRuleIsTunedOrTurnedOffUnderItsOwnKeys() {
        DetectionSettings tuned = bind(Map.of(
                        "nyc311.anomaly.evidence.slack",
                        "0.5",
                        "nyc311.anomaly.evidence.threshold",
                        "5",
                        "nyc311.anomaly.evidence.hidden-rise",
                        "0"))
                .detectionSettings();
        DetectionSettings off =
                bind(Map.of("nyc311.anomaly.evidence.enabled", "false")).detectionSettings();

        assertThat(tuned.evidence())
                .isEqualTo(DetectionSettings.Evidence.on(0.5, 5).withHiddenRise(0));
        assertThat(tuned.consecutiveDays()).isEqualTo(DetectionSettings.DEFAULT_CONSECUTIVE_DAYS);
        assertThat(off.evidence().on()).isFalse();
        assertThat(off.withMarginEvidence(DetectionSettings.MarginEvidence.OFF))
                .isEqualTo(DetectionSettings.breachRuleOnly());
    }

    @Test
    void theMarginRuleIsOnByDefaultAndTunedOrTurnedOffUnderItsOwnKeys() {
        assertThat(bind(Map.of()).detectionSettings()).isEqualTo(DetectionSettings.defaults());
        DetectionSettings tuned = bind(Map.of(
                        "nyc311.anomaly.margin-evidence.slack",
                        "0.25",
                        "nyc311.anomaly.margin-evidence.cap",
                        "1.5",
                        "nyc311.anomaly.margin-evidence.threshold",
                        "1.2"))
                .detectionSettings();
        DetectionSettings off =
                bind(Map.of("nyc311.anomaly.margin-evidence.enabled", "false")).detectionSettings();

        assertThat(tuned.marginEvidence()).isEqualTo(DetectionSettings.MarginEvidence.on(0.25, 1.5, 1.2));
        assertThat(off.marginEvidence().on()).isFalse();
        assertThat(off.evidence()).isEqualTo(DetectionSettings.defaults().evidence());
        assertThatThrownBy(() -> bind(Map.of("nyc311.anomaly.margin-evidence.threshold", "2"))
                        .detectionSettings())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("margin threshold");
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
