package org.nyc311.controller.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.nyc311.controller.run.Batch;
import org.nyc311.controller.run.PipelineRun;
import org.nyc311.controller.run.RunResult;
import org.nyc311.controller.run.RunState;

/** A pipeline run as {@code /api/v1/runs} shows it. */
public record RunView(
        UUID id,
        RunState state,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        int attempts,
        Instant nextAttemptAt,
        String jobRunId,
        String error,
        List<String> ingestionRunIds,
        List<BatchView> batches,
        RunResult result,
        UUID goldRefreshedEventId) {

    public record BatchView(UUID eventId, String ingestionRunId, String bucket, String batchPrefix, long recordCount,
            Instant occurredAt, Instant receivedAt, Batch.Reason reason) {
    }

    static RunView of(PipelineRun run) {
        return new RunView(run.id(), run.state(), run.createdAt(), run.startedAt(), run.finishedAt(), run.attemptCount(),
                run.nextAttemptAt(), run.jobRunId(), run.error(), run.ingestionRunIds(),
                run.batches().stream().map(b -> new BatchView(b.eventId(), b.ingestionRunId(), b.bucket(),
                        b.batchPrefix(), b.recordCount(), b.occurredAt(), b.receivedAt(), b.reason())).toList(),
                run.result(), run.goldRefreshedEventId());
    }
}
