package org.nyc311.api.ingest;

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
    @PostExchange("/api/v1/ingestions")
    ResponseEntity<IngestionRunView> start(@RequestBody IngestionStartRequest request);

    /** 404 for an unknown run. */
    @GetExchange("/api/v1/ingestions/{runId}")
    IngestionRunView run(@PathVariable("runId") String runId);
}
