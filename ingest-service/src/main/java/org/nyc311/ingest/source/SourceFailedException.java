package org.nyc311.ingest.source;

/** The source cannot give this run a sound page; the run fails with this message and lands nothing more. */
public class SourceFailedException extends RuntimeException {

    public SourceFailedException(String message) {
        super(message);
    }

    public SourceFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
