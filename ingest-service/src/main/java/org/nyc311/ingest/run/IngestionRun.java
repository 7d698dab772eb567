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

    /**
     * A run as it begins: RUNNING, nothing landed, no watermark, failure or end, its batch where the layout says,
     * created and started at {@code now} (the repository stamps its own instants when it stores it).
     */
    public static IngestionRun begun(
            IngestionWindow window, String source, int pageSize, BatchLayout layout, Instant now) {
        return new IngestionRun(
                layout.runId(),
                window,
                source,
                pageSize,
                layout.ingestionDate(),
                layout.prefix(),
                RunStatus.RUNNING,
                0,
                0,
                null,
                null,
                now,
                now,
                null,
                null);
    }

    public BatchLayout layout() {
        return new BatchLayout(ingestionDate, runId);
    }
}
