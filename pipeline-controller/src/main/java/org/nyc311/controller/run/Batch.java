package org.nyc311.controller.run;

import java.time.Instant;
import java.util.UUID;
import org.nyc311.api.pipeline.PipelineRunView.BatchView.Reason;
import org.nyc311.model.event.RawBatchLanded;

/**
 * A raw batch as its RawBatchLanded announced it, and why a run covers it (a reason is the contract's word, one enum
 * for the run and its API).
 */
public record Batch(
        UUID eventId,
        String ingestionRunId,
        String bucket,
        String batchPrefix,
        String manifestKey,
        long recordCount,
        int partCount,
        Instant occurredAt,
        Instant receivedAt,
        Reason reason) {

    static Batch landed(RawBatchLanded event, Instant receivedAt) {
        return new Batch(
                event.eventId(),
                event.ingestionRunId(),
                event.bucket(),
                event.batchPrefix(),
                event.manifestKey(),
                event.recordCount(),
                event.partCount(),
                event.occurredAt(),
                receivedAt,
                Reason.LANDED);
    }
}
