package org.nyc311.ingest.source;

/** The source cannot give this run a sound page; the run fails with this message and lands nothing more. */
public class SourceFailedException extends RuntimeException {

    public SourceFailedException(String message) {
        super(message);
    }

    public SourceFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the source was still unavailable when its retries ran out (unreachable, 5xx, throttled): an outage
     * that asking again later may outlast, unlike a page it answered with that cannot land.
     */
    public boolean stillUnavailable() {
        return getCause() instanceof TransientSourceException;
    }
}
