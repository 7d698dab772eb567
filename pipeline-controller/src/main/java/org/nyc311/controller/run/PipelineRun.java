package org.nyc311.controller.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.pipeline.RunResult;

/**
 * One run of the delta-jobs job and what it covers.
 *
 * @param attemptCount attempts started so far
 * @param nextAttemptAt when the next attempt is due after a failed one; null otherwise
 * @param jobRunId the runner's id for the latest attempt (a Databricks run id, or the local log file)
 * @param error why the latest attempt failed, if it did
 * @param result the job's result.json of the successful attempt
 */
public record PipelineRun(
        UUID id,
        RunState state,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        int attemptCount,
        @Nullable Instant nextAttemptAt,
        @Nullable String jobRunId,
        @Nullable String error,
        @Nullable RunResult result,
        @Nullable UUID goldRefreshedEventId,
        List<Batch> batches) {

    public PipelineRun {
        batches = List.copyOf(batches);
    }

    public List<String> ingestionRunIds() {
        return batches.stream().map(Batch::ingestionRunId).distinct().sorted().toList();
    }
}
