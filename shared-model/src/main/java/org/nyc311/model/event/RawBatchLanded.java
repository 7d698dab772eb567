package org.nyc311.model.event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * A batch of raw 311 records has landed in the object store, manifest last: it is complete.
 * Consumed by pipeline-controller, which runs bronze, silver and gold over it.
 *
 * @param ingestionRunId the ingestion run that landed the batch
 * @param batchPrefix the key prefix holding the parts, e.g. {@code raw/nyc311/ingestion_date=2026-11-23/run=<id>/}
 * @param manifestKey the {@code _manifest.json} written after every part
 */
public record RawBatchLanded(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String ingestionRunId,
        String bucket,
        String batchPrefix,
        String manifestKey,
        IngestionWindow window,
        LocalDate ingestionDate,
        long recordCount,
        int partCount)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public RawBatchLanded {
        EventFields.check(eventId, schemaVersion, occurredAt, "RawBatchLanded");
        Objects.requireNonNull(ingestionRunId, "ingestionRunId");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(batchPrefix, "batchPrefix");
        Objects.requireNonNull(manifestKey, "manifestKey");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(ingestionDate, "ingestionDate");
        if (recordCount < 0 || partCount < 0) {
            throw new IllegalArgumentException("record and part counts cannot be negative");
        }
    }

    /**
     * The event for a landed batch. Its id derives from the ingestion run, so that publishing again
     * after a crash between landing and publishing yields the same idempotency key.
     */
    public static RawBatchLanded of(
            Clock clock,
            String ingestionRunId,
            String bucket,
            String batchPrefix,
            String manifestKey,
            IngestionWindow window,
            LocalDate ingestionDate,
            long recordCount,
            int partCount) {
        UUID id = UUID.nameUUIDFromBytes(
                ("RawBatchLanded:" + ingestionRunId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new RawBatchLanded(
                id,
                SCHEMA_VERSION,
                clock.instant(),
                ingestionRunId,
                bucket,
                batchPrefix,
                manifestKey,
                window,
                ingestionDate,
                recordCount,
                partCount);
    }

    @Override
    public int supportedSchemaVersion() {
        return SCHEMA_VERSION;
    }
}
