package org.nyc311.ingest.run;

/** Another run of the same window is running: two never run at once. */
public class RunConflictException extends RuntimeException {

    private final String runningRunId;

    public RunConflictException(String message, String runningRunId) {
        super(message);
        this.runningRunId = runningRunId;
    }

    public String runningRunId() {
        return runningRunId;
    }
}
