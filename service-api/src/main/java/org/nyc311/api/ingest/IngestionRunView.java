package org.nyc311.api.ingest;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.ingest.IngestionWindow;

/** One ingestion run as the API shows it, with the counts of the parts it has landed so far. */
@Schema(description = "One ingestion run: its window, where it stands, and what it has landed")
public record IngestionRunView(
        String runId,
        IngestionWindow window,

        @Schema(description = "api for SODA, or the replayed file's path in the replay folder", example = "api")
        String source,

        @Schema(description = "records asked of the source per page; each page lands as one part")
        int pageSize,

        @Schema(description = "the New York date the batch lands under in raw/", example = "2026-05-24")
        LocalDate ingestionDate,

        @Schema(description = "the batch's S3 prefix, where its parts and its manifest land")
        String batchPrefix,

        Status status,
        @Schema(description = "records landed so far") long recordCount,
        @Schema(description = "parts landed so far") int partCount,

        @Schema(
                description = "the watermark the run moved the feed to, once completed (incremental runs): a"
                        + " floating timestamp, no zone (New York local time)")
        @Nullable
        LocalDateTime watermark,

        @Schema(description = "why the run failed; null unless FAILED") @Nullable
        String failureReason,

        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,

        @Schema(
                description = "when the service resumes this failed run by itself (a dependency could not be"
                        + " reached); null when it does not")
        @Nullable
        Instant retryAt) {

    /** Where a run stands. A FAILED run can be started again and resumes after its last landed page. */
    public enum Status {
        RUNNING,
        COMPLETED,
        FAILED
    }
}
