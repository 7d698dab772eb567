package org.nyc311.ingest.source;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A failure that asking again may cure: HTTP 429 or 5xx, a timeout, a connection cut mid-body. */
class TransientSourceException extends RuntimeException {

    private final transient @Nullable Duration retryAfter;

    TransientSourceException(String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for with Retry-After, if it did. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
