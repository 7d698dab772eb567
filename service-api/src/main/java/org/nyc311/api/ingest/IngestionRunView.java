package org.nyc311.api.ingest;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * One ingestion run as the API shows it, with the counts of the parts it has landed so far.
 *
 * @param watermark the watermark the run moved the feed to, once completed (incremental runs)
 * @param retryAt when the service resumes this failed run by itself (a dependency could not be reached); null
 *     when it does not
 */
@Schema(description = "One ingestion run: its window, where it stands, and what it has landed")
public record IngestionRunView(
        String runId,
        IngestionWindow window,
        String source,
        int pageSize,
        LocalDate ingestionDate,
        String batchPrefix,
        Status status,
        long recordCount,
        int partCount,
        @Nullable LocalDateTime watermark,
        @Nullable String failureReason,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Instant retryAt) {

    /** Where a run stands. A FAILED run can be started again and resumes after its last landed page. */
    public enum Status {
        RUNNING,
        COMPLETED,
        FAILED
    }
}
