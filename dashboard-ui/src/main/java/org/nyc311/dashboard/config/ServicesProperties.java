package org.nyc311.dashboard.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform's services answer ({@code nyc311.services.<module>.url}, passed by {@code ./nyc311 up}), and
 * how long the dashboard waits for them: a slow service must not hold a view for long.
 */
@ConfigurationProperties("nyc311.services")
public record ServicesProperties(
        Endpoint forecastService,
        Endpoint anomalyService,
        Endpoint pipelineController,
        Endpoint ingestService,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("8s") Duration readTimeout) {

    /**
     * @param url where the service answers
     * @param token the dashboard's own credential for it, sent as a bearer token when set (production, where
     *     the services sit behind an authenticating gateway); never the logged-in user's
     */
    public record Endpoint(URI url, String token) {
        // one constructor only: with two, Boot cannot tell which to bind and the endpoint stays empty
    }
}
