package org.nyc311.dashboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The launcher's property names ({@code nyc311.services.<module>.url}, {@code nyc311.services.client.*}) bind, and with
 * nothing set every setting has its one default, in its record.
 */
class ServicesPropertiesTest {

    @Test
    void withNothingSetEveryServiceIsAtItsLocalPortAndEverySettingAtItsDefault() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of()));

        ServicesProperties services = binder.bindOrCreate("nyc311.services", ServicesProperties.class);
        DashboardProperties dashboard = binder.bindOrCreate("nyc311.dashboard", DashboardProperties.class);

        assertThat(services.forecastService().url()).isEqualTo(URI.create("http://127.0.0.1:8083"));
        assertThat(services.anomalyService().url()).isEqualTo(URI.create("http://127.0.0.1:8084"));
        assertThat(services.pipelineController().url()).isEqualTo(URI.create("http://127.0.0.1:8082"));
        assertThat(services.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(services.readTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(services.cacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(services.parallelCalls()).isEqualTo(8);
        assertThat(services.client().complete()).isFalse();
        assertThat(dashboard.user()).isEqualTo("analyst");
        assertThat(dashboard.password()).isNull();
        assertThat(dashboard.mlflowUiUrl()).isNull();
    }

    @Test
    void aZeroCacheTtlTurnsTheCacheOffRatherThanTakingTheDefault() {
        ServicesProperties services = new Binder(
                        new MapConfigurationPropertySource(Map.of("nyc311.services.cache-ttl", "0s")))
                .bindOrCreate("nyc311.services", ServicesProperties.class);

        assertThat(services.cacheTtl()).isZero();
    }

    @Test
    void theLaunchersServiceUrlsAndTheAppClientBind() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "nyc311.services.forecast-service.url", "http://127.0.0.1:8083",
                "nyc311.services.anomaly-service.url", "http://127.0.0.1:8084",
                "nyc311.services.pipeline-controller.url", "http://127.0.0.1:8082",
                "nyc311.services.client.token-uri", "http://127.0.0.1:9096/oauth2/token",
                "nyc311.services.client.client-id", "dashboard-ui",
                "nyc311.services.client.client-secret", "secret")));

        ServicesProperties services =
                binder.bind("nyc311.services", ServicesProperties.class).get();

        assertThat(services.forecastService().url()).isEqualTo(URI.create("http://127.0.0.1:8083"));
        assertThat(services.anomalyService().url()).isEqualTo(URI.create("http://127.0.0.1:8084"));
        assertThat(services.client().complete()).isTrue();
        assertThat(services.client().clientId()).isEqualTo("dashboard-ui");
        assertThat(services.client().toString()).doesNotContain("secret");
        assertThat(services.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(services.readTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(services.cacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(services.parallelCalls()).isEqualTo(8);
    }
}
