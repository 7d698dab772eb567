package org.nyc311.controller.job;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One attempt of a pipeline run: the run id the job writes its result under, and the batches it covers.
 *
 * @param ingestionRunIds the ingestion runs whose batches the run covers, sorted
 * @param batchPrefixes their raw prefixes in the lake bucket, sorted
 */
public record JobRequest(UUID pipelineRunId, int attempt, List<String> ingestionRunIds, List<String> batchPrefixes) {

    public JobRequest {
        Objects.requireNonNull(pipelineRunId, "pipelineRunId");
        ingestionRunIds = ingestionRunIds.stream().distinct().sorted().toList();
        batchPrefixes = batchPrefixes.stream().distinct().sorted().toList();
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
    }
}
