package org.nyc311.api.pipeline;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline run as {@code /api/v1/runs} shows it: one run of the delta-jobs job and the batches it covers.
 *
 * @param attempts attempts started so far
 * @param nextAttemptAt when the next attempt is due after a failed one; null otherwise
 * @param jobRunId the runner's id for the latest attempt (a Databricks run id, or the local log file)
 * @param error why the latest attempt failed, if it did
 * @param result what the successful attempt reported; null until then
 */
@Schema(description = "One pipeline run: its state, its attempts, the batches it covers and the job's result")
public record PipelineRunView(
        UUID id,
        State state,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable String jobRunId,
        @Nullable String error,
        List<String> ingestionRunIds,
        List<BatchView> batches,
        @Nullable ResultView result,
        @Nullable UUID goldRefreshedEventId) {

    /**
     * A run's life: RECEIVED (waiting; landing batches join it) then RUNNING (attempts, with backoff between
     * failed ones) then SUCCEEDED or FAILED.
     */
    public enum State {
        RECEIVED,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    /** A raw batch as its RawBatchLanded announced it, and why the run covers it. */
    public record BatchView(
            UUID eventId,
            String ingestionRunId,
            String bucket,
            String batchPrefix,
            long recordCount,
            Instant occurredAt,
            Instant receivedAt,
            Reason reason) {

        public enum Reason {
            /** it landed and its event arrived */
            LANDED,
            /** someone asked for it to be run again */
            RERUN
        }
    }

    /**
     * What a successful delta-jobs run reported.
     *
     * @param tableVersions each gold table's Delta version after the run
     * @param latestCompleteDate the newest New York local date whose counts are complete
     * @param newestCreatedAt the newest request's creation instant in gold: data freshness is measured from it
     * @param rowCounts rows written per table
     */
    public record ResultView(
            String runId,
            Map<String, Long> tableVersions,
            @Nullable LocalDate latestCompleteDate,
            @Nullable Instant newestCreatedAt,
            Map<String, Long> rowCounts,
            @Nullable Silver silver) {}

    /** What silver's MERGE did with the run's records. */
    public record Silver(long recordsIn, long inserted, long updated, long duplicates, long quarantined) {}
}
