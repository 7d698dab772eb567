package org.nyc311.forecastservice.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A training as stored in {@code forecast_run}.
 *
 * @param leaseOwner the instance that holds (or last held) the run's lease, null if none ever did
 * @param leaseExpiresAt when the current lease ends unless its heartbeat pushes it on; null when no instance holds the run
 */
public record ForecastRun(
        UUID runId,
        Trigger trigger,
        UUID eventId,
        String pipelineRunId,
        Long goldVersion,
        LocalDate latestComplete,
        int horizonDays,
        Status status,
        LocalDate historyStart,
        LocalDate lastActualDate,
        int seriesForecast,
        int seriesFailed,
        Double pooledMape,
        Double pooledWape,
        Double pooledMase,
        Double pooledCoverage,
        String error,
        int attempts,
        Instant createdAt,
        Instant finishedAt,
        TrackingStatus trackingStatus,
        int trackingAttempts,
        String trackingError,
        String mlflowRunId,
        String modelVersion,
        Boolean champion,
        Instant publishedAt,
        String leaseOwner,
        Instant leaseExpiresAt) {

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
