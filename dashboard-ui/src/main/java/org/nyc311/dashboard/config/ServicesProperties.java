package org.nyc311.dashboard.config;

import java.net.URI;
import java.time.Duration;
import org.nyc311.api.access.ServiceCallSettings;
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
 * @param client the dashboard's own app client at the token issuer ({@code NYC311_SERVICE_*}): every call to a
 *     service carries its token, never the logged-in user's; see {@code services.ServiceCallConfiguration}
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
        @DefaultValue("8") int parallelCalls,
        ServiceCallSettings client) {

    public ServicesProperties {
        client = client == null ? ServiceCallSettings.none() : client;
    }

    /** @param url where the service answers */
    public record Endpoint(URI url) {}
}
