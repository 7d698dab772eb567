package org.nyc311.api.ingest;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/** Ingestion runs: started here (or by the daily schedule), followed by their id. */
public interface IngestionApi {

    /**
     * Starts a run; 202 with the run and its Location. 400 for a bad window or source, 409 while the same window
     * runs, 503 with Retry-After while too many runs wait.
     */
    @ApiResponse(responseCode = "202", description = "the run, started; its Location is where to follow it")
    @ApiResponse(
            responseCode = "409",
            description = "the same window is running: the problem names that run (runningRunId)")
    @ApiResponse(
            responseCode = "503",
            description =
                    "the run queue is full (the problem's runId is recorded FAILED, and the same request later resumes it), or a store is away: try again after Retry-After seconds")
    @PostExchange("/api/v1/ingestions")
    ResponseEntity<IngestionRunView> start(@RequestBody IngestionStartRequest request);

    /** 404 for an unknown run. */
    @GetExchange("/api/v1/ingestions/{runId}")
    IngestionRunView run(@PathVariable("runId") String runId);
}
