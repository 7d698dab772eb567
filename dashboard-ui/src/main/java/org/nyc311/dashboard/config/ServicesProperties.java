package org.nyc311.dashboard.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform's services answer ({@code nyc311.services.<module>.url}, passed by {@code ./nyc311 up}), and
 * how long the dashboard waits for them: a slow service must not hold a view for long.
 *
 * @param cacheTtl how long an answer is reused before the service is asked again: the services change their answers
 *     once a day (a pipeline run, a training, a check), so a view opened many times a minute need not ask each time;
 *     zero turns the cache off
 * @param parallelCalls how many calls the dashboard has in flight at once, over all views and users: a view's
 *     independent calls overlap, and a busy morning cannot flood the services
 */
@ConfigurationProperties("nyc311.services")
public record ServicesProperties(
        Endpoint forecastService,
        Endpoint anomalyService,
        Endpoint pipelineController,
        Endpoint ingestService,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("8s") Duration readTimeout,
        @DefaultValue("30s") Duration cacheTtl,
        @DefaultValue("8") int parallelCalls) {

    /**
     * @param url where the service answers
     * @param token the dashboard's own credential for it, sent as a bearer token when set (production, where
     *     the services sit behind an authenticating gateway); never the logged-in user's
     */
    public record Endpoint(URI url, String token) {
        // one constructor only: with two, Boot cannot tell which to bind and the endpoint stays empty
    }
}
