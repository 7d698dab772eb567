package org.nyc311.ingest.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;
import org.nyc311.ingest.landing.BatchLayout;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * One run as stored, with the counts of the parts it has landed so far.
 *
 * @param watermark the watermark the run moved the feed to, once completed (incremental runs)
 * @param retryAt when the service resumes this failed run by itself (it failed because a dependency could not
 *     be reached); null when it does not
 */
public record IngestionRun(
        String runId,
        IngestionWindow window,
        String source,
        int pageSize,
        LocalDate ingestionDate,
        String batchPrefix,
        RunStatus status,
        long recordCount,
        int partCount,
        @Nullable LocalDateTime watermark,
        @Nullable String failureReason,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Instant retryAt) {

    public BatchLayout layout() {
        return new BatchLayout(ingestionDate, runId);
    }
}
