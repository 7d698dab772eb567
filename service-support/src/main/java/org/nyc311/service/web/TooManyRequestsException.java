package org.nyc311.service.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The service is busy with as much of this kind of work as it takes at once: 429 with a Retry-After, this
 * exception's own or else {@code nyc311.api.retry-after}. Never a queue that grows without bound.
 */
public class TooManyRequestsException extends ApiProblemException {

    private final Duration retryAfter;

    /** @param retryAfter null for the configured default */
    public TooManyRequestsException(String title, String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, title, detail, Map.of());
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
