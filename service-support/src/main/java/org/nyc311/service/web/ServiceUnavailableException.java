package org.nyc311.service.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The service cannot take the request now but will later (a store is away, a queue is full): 503 with
 * a Retry-After, this exception's own or else {@code nyc311.api.retry-after}.
 */
public class ServiceUnavailableException extends ApiProblemException {

    private final @Nullable Duration retryAfter;

    public ServiceUnavailableException(String title, String detail) {
        this(title, detail, null, Map.of());
    }

    /** @param retryAfter null for the configured default */
    public ServiceUnavailableException(
            String title, String detail, @Nullable Duration retryAfter, Map<String, ?> properties) {
        super(HttpStatus.SERVICE_UNAVAILABLE, title, detail, properties);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
