package org.nyc311.dashboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The launcher's property names ({@code nyc311.services.<module>.url}) bind to the endpoints. */
class ServicesPropertiesTest {

    @Test
    void theLaunchersServiceUrlsAndATokenBind() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "nyc311.services.forecast-service.url", "http://127.0.0.1:8083",
                "nyc311.services.anomaly-service.url", "http://127.0.0.1:8084",
                "nyc311.services.pipeline-controller.url", "http://127.0.0.1:8082",
                "nyc311.services.pipeline-controller.token", "secret")));

        ServicesProperties services = binder.bind("nyc311.services", ServicesProperties.class).get();

        assertThat(services.forecastService().url()).isEqualTo(URI.create("http://127.0.0.1:8083"));
        assertThat(services.anomalyService().url()).isEqualTo(URI.create("http://127.0.0.1:8084"));
        assertThat(services.pipelineController().token()).isEqualTo("secret");
        assertThat(services.ingestService()).isNull();
        assertThat(services.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(services.readTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(services.cacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(services.parallelCalls()).isEqualTo(8);
    }
}
