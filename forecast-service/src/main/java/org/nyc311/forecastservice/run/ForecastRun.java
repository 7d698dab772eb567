package org.nyc311.forecastservice.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A training as stored in {@code forecast_run}.
 *
 * @param leaseOwner the instance that holds (or last held) the run's lease, null if none ever did
 * @param leaseExpiresAt when the current lease ends unless its heartbeat pushes it on; null when no instance holds the run
 */
public record ForecastRun(
        UUID runId,
        Trigger trigger,
        @Nullable UUID eventId,
        @Nullable String pipelineRunId,
        @Nullable Long goldVersion,
        @Nullable LocalDate latestComplete,
        int horizonDays,
        Status status,
        @Nullable LocalDate historyStart,
        @Nullable LocalDate lastActualDate,
        int seriesForecast,
        int seriesFailed,
        @Nullable Double pooledMape,
        @Nullable Double pooledWape,
        @Nullable Double pooledMase,
        @Nullable Double pooledCoverage,
        @Nullable String error,
        int attempts,
        Instant createdAt,
        @Nullable Instant finishedAt,
        TrackingStatus trackingStatus,
        int trackingAttempts,
        @Nullable String trackingError,
        @Nullable String mlflowRunId,
        @Nullable String modelVersion,
        @Nullable Boolean champion,
        @Nullable Instant publishedAt,
        @Nullable String leaseOwner,
        @Nullable Instant leaseExpiresAt) {

    public enum Trigger {
        EVENT,
        MANUAL
    }

    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public enum TrackingStatus {
        PENDING,
        TRACKED,
        FAILED,
        DISABLED
    }
}
