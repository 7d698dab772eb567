package org.nyc311.dashboard.services.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A pipeline run as pipeline-controller's {@code GET /api/v1/runs} shows it (the fields the dashboard reads). */
public record PipelineRun(
        UUID id,
        String state,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        int attempts,
        String error,
        List<String> ingestionRunIds,
        List<Batch> batches,
        Result result) {

    public PipelineRun {
        ingestionRunIds = ingestionRunIds == null ? List.of() : List.copyOf(ingestionRunIds);
        batches = batches == null ? List.of() : List.copyOf(batches);
    }

    public record Batch(String ingestionRunId, long recordCount) {
    }

    public record Result(LocalDate latestCompleteDate, Instant newestCreatedAt, Silver silver) {
    }

    public record Silver(long recordsIn, long inserted, long updated, long duplicates, long quarantined) {
    }

    /** From the first attempt's start to the end; still counting while the run runs. */
    public Optional<Duration> duration(Instant now) {
        if (startedAt == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(startedAt, finishedAt == null ? now : finishedAt));
    }

    public long records() {
        return batches.stream().mapToLong(Batch::recordCount).sum();
    }

    public Optional<Long> quarantined() {
        return Optional.ofNullable(result).map(Result::silver).map(Silver::quarantined);
    }

    /** How old the newest request in gold was when this run finished: the data's freshness. */
    public Optional<Instant> newestData() {
        return Optional.ofNullable(result).map(Result::newestCreatedAt);
    }
}
