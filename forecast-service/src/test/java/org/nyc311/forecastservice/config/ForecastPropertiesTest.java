package org.nyc311.forecastservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.model.event.EventQueue;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code nyc311.forecast.*} and {@code nyc311.mlflow.*} as Spring Boot binds them: with nothing set, each setting has
 * the one default its record gives (application.yml sets only what differs, such as the threads and the heartbeat).
 */
class ForecastPropertiesTest {

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
    }

    @Test
    void withNothingSetATrainingHasItsDefaults() {
        ForecastProperties forecast = bind("nyc311.forecast", ForecastProperties.class, Map.of());

        assertThat(forecast.horizonDays()).isEqualTo(30);
        assertThat(forecast.maxOnDemandHorizon()).isEqualTo(90);
        assertThat(forecast.level()).isEqualTo(0.95);
        assertThat(forecast.trials()).isEqualTo(20);
        assertThat(forecast.folds()).isEqualTo(4);
        assertThat(forecast.threads())
                .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        assertThat(forecast.seriesTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(forecast.maxAttempts()).isEqualTo(30);
        assertThat(forecast.outboxRetryInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(forecast.queues().goldRefreshed()).isEqualTo(EventQueue.GOLD_REFRESHED.queueName());
        assertThat(forecast.queues().forecastsPublished()).isEqualTo(EventQueue.FORECASTS_PUBLISHED.queueName());
        assertThat(forecast.lease().duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(forecast.lease().heartbeat()).isEqualTo(Duration.ofSeconds(30));
        assertThat(forecast.lease().owner())
                .contains("/" + ProcessHandle.current().pid());
        assertThat(forecast.onDemand().threads()).isEqualTo(1);
        assertThat(forecast.onDemand().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(forecast.calibrationHalfLifeDays()).isInfinite();
        assertThat(forecast.reconciliation()).isEqualTo(ForecastProperties.Reconciliation.MINT_SHRINK);
        assertThat(bind("nyc311.forecast", ForecastProperties.class, Map.of("nyc311.forecast.reconciliation", "off"))
                        .reconciliation())
                .isEqualTo(ForecastProperties.Reconciliation.OFF);
        assertThat(bind(
                                "nyc311.forecast",
                                ForecastProperties.class,
                                Map.of("nyc311.forecast.reconciliation", "wls-variance"))
                        .reconciliation())
                .isEqualTo(ForecastProperties.Reconciliation.WLS_VARIANCE);
    }

    @Test
    void aCalibrationHalfLifeReachesTheEngineAndANonPositiveOneIsRefused() {
        ForecastProperties forecast = bind(
                "nyc311.forecast",
                ForecastProperties.class,
                Map.of("nyc311.forecast.calibration-half-life-days", "91"));

        var fitter = new org.nyc311.forecastservice.fit.SeriesFitter(
                forecast,
                new org.nyc311.forecastservice.metrics.ForecastMetrics(
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        try {
            assertThat(fitter.settings(30).calibrationHalfLifeDays()).isEqualTo(91);
        } finally {
            fitter.destroy();
        }
        assertThatThrownBy(() -> bind(
                        "nyc311.forecast",
                        ForecastProperties.class,
                        Map.of("nyc311.forecast.calibration-half-life-days", "0")))
                .hasRootCauseMessage("nyc311.forecast.calibration-half-life-days must be at least 1 day, was 0.0");
    }

    @Test
    void zeroTrialsMeansTheModelsDefaultsOnlyNotTheDefaultCount() {
        assertThat(bind("nyc311.forecast", ForecastProperties.class, Map.of("nyc311.forecast.trials", "0"))
                        .trials())
                .isZero();
    }

    @Test
    void aLeaseDurationAloneSetsItsHeartbeatToAQuarterOfIt() {
        ForecastProperties forecast =
                bind("nyc311.forecast", ForecastProperties.class, Map.of("nyc311.forecast.lease.duration", "4m"));

        assertThat(forecast.lease().heartbeat()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void withNothingSetTrackingIsOffWithTheDefaultNames() {
        MlflowProperties mlflow = bind("nyc311.mlflow", MlflowProperties.class, Map.of());

        assertThat(mlflow.enabled()).isFalse();
        assertThat(mlflow.trackingUri()).isNull();
        assertThat(mlflow.uiUri()).isNull();
        assertThat(mlflow.experimentName()).isEqualTo("nyc311-forecasts");
        assertThat(mlflow.registeredModelName()).isEqualTo("nyc311-daily-forecaster");
        assertThat(mlflow.championAlias()).isEqualTo("champion");
        assertThat(mlflow.retryInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(mlflow.maxAttempts()).isEqualTo(60);
    }

    @Test
    void theUiUriDefaultsToTheTrackingUri() {
        MlflowProperties mlflow = bind(
                "nyc311.mlflow", MlflowProperties.class, Map.of("nyc311.mlflow.tracking-uri", "http://mlflow:5000/"));

        assertThat(mlflow.uiUri()).isEqualTo("http://mlflow:5000");
    }
}
