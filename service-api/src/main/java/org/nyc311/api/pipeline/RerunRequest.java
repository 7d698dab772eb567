package org.nyc311.api.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/runs}: run batches again, named by their ingestion runs, or given as the RawBatchLanded
 * events themselves (e.g. copied from the dead-letter queue: a batch whose message never got through is not
 * recorded yet). Events travel as JSON trees so that the server, not the framework, says why one is no
 * RawBatchLanded.
 */
@Schema(description = "Batches to run again: ingestion run ids, or RawBatchLanded events")
public record RerunRequest(
        @Size(max = 500) List<@NotBlank String> ingestionRunIds,
        @Size(max = 500) List<JsonNode> events) {

    public RerunRequest {
        ingestionRunIds = ingestionRunIds == null ? List.of() : ingestionRunIds;
        events = events == null ? List.of() : events;
    }

    @AssertTrue(message = "name at least one batch: ingestionRunIds or events")
    boolean isNamingABatch() {
        return !ingestionRunIds.isEmpty() || !events.isEmpty();
    }
}
