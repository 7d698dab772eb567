package org.nyc311.ingest.run;

import java.util.Map;
import org.nyc311.service.web.ConflictException;

/** Another run of the same window is running: two never run at once. Over the API a 409 naming the run. */
public class RunConflictException extends ConflictException {

    private final String runningRunId;

    public RunConflictException(String message, String runningRunId) {
        super("Window already running", message, Map.of("runningRunId", runningRunId));
        this.runningRunId = runningRunId;
    }

    public String runningRunId() {
        return runningRunId;
    }
}
