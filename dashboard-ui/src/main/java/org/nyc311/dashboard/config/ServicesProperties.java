package org.nyc311.dashboard.config;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.access.ServiceCallSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the platform's services answer ({@code nyc311.services.<module>.url}, passed by {@code ./nyc311 up}; by
 * default each one's port on 127.0.0.1), and how long the dashboard waits for them: a slow service must not hold a
 * view for long.
 *
 * @param connectTimeout how long a call waits for a connection (2 s)
 * @param readTimeout how long a call waits for an answer (8 s)
 * @param cacheTtl how long an answer is reused before the service is asked again: the services change their answers
 *     once a day (a pipeline run, a training, a check), so a view opened many times a minute need not ask each time;
 *     zero turns the cache off (30 s)
 * @param parallelCalls how many calls the dashboard has in flight at once, over all views and users: a view's
 *     independent calls overlap, and a busy morning cannot flood the services (8)
 * @param client the dashboard's own app client at the token issuer ({@code NYC311_SERVICE_*}): every call to a
 *     service carries its token, never the logged-in user's; see {@code services.ServiceCallConfiguration}
 */
@ConfigurationProperties("nyc311.services")
public record ServicesProperties(
        Endpoint forecastService,
        Endpoint anomalyService,
        Endpoint pipelineController,
        Duration connectTimeout,
        Duration readTimeout,
        Duration cacheTtl,
        int parallelCalls,
        ServiceCallSettings client) {

    public ServicesProperties(
            @Nullable Endpoint forecastService,
            @Nullable Endpoint anomalyService,
            @Nullable Endpoint pipelineController,
            @Nullable Duration connectTimeout,
            @Nullable Duration readTimeout,
            @Nullable Duration cacheTtl,
            int parallelCalls,
            @Nullable ServiceCallSettings client) {
        this.forecastService = Endpoint.orLocal(forecastService, 8083);
        this.anomalyService = Endpoint.orLocal(anomalyService, 8084);
        this.pipelineController = Endpoint.orLocal(pipelineController, 8082);
        this.connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        this.readTimeout = readTimeout == null ? Duration.ofSeconds(8) : readTimeout;
        this.cacheTtl = cacheTtl == null ? Duration.ofSeconds(30) : cacheTtl;
        this.parallelCalls = parallelCalls <= 0 ? 8 : parallelCalls;
        this.client = client == null ? ServiceCallSettings.none() : client;
    }

    /** @param url where the service answers */
    public record Endpoint(URI url) {

        static Endpoint orLocal(@Nullable Endpoint configured, int port) {
            return configured == null || configured.url() == null
                    ? new Endpoint(URI.create("http://127.0.0.1:" + port))
                    : configured;
        }
    }
}
