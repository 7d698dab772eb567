package org.nyc311.anomaly.config;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.access.ServiceCallSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * forecast-service's REST API, under {@code nyc311.services.forecast-service} (the launcher passes the url).
 *
 * @param url            base URL, e.g. {@code http://127.0.0.1:8083}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer
 * @param client         this service's app client at the token issuer, for its calls' bearer token
 *                       ({@code NYC311_SERVICE_*}; the scope it needs is nyc311/read)
 */
@ConfigurationProperties("nyc311.services.forecast-service")
public record ForecastServiceProperties(
        URI url, Duration connectTimeout, Duration readTimeout, ServiceCallSettings client) {

    public ForecastServiceProperties(
            @Nullable URI url,
            @Nullable Duration connectTimeout,
            @Nullable Duration readTimeout,
            @Nullable ServiceCallSettings client) {
        this.url = url == null ? URI.create("http://127.0.0.1:8083") : url;
        this.connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        this.readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        this.client = client == null ? ServiceCallSettings.none() : client;
    }
}
