package org.nyc311.api.pipeline;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Pipeline runs, failures included, and running batches again. The constraints are the server's checks (a
 * controller may not add any to a method it implements); a client's proxy ignores them.
 */
public interface PipelineRunApi {

    /** The newest runs first, {@code limit} of them (1-500); a state for only those, e.g. the FAILED ones. */
    @GetExchange("/api/v1/runs")
    List<PipelineRunView> recent(
            @RequestParam(name = "state", required = false) PipelineRunView.@Nullable State state,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(500) int limit);

    /** 404 for an unknown run. */
    @GetExchange("/api/v1/runs/{id}")
    PipelineRunView run(@PathVariable("id") UUID id);

    /**
     * Runs the given batches again, in the next run; 202 with that run and its Location. Events not recorded
     * yet are recorded first, as if they had arrived on the queue.
     */
    @ApiResponse(
            responseCode = "202",
            description = "the run that will run the batches; its Location is where to follow it")
    @PostExchange("/api/v1/runs")
    ResponseEntity<PipelineRunView> rerun(@Valid @RequestBody RerunRequest request);
}
