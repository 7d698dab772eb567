package org.nyc311.forecastservice.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecastservice.run.ForecastRun;

/** A training as the tracker receives it: fitted and stored, its tracking still to do. */
final class FittedRuns {

    private FittedRuns() {}

    /**
     * A manual training on gold version 7 up to {@code last}, a year of history, pooled WAPE 0.15, fitted
     * 06:00-06:05; tracking PENDING under {@code parentRunId} (null: no parent run opened yet).
     */
    static ForecastRun awaitingTracking(
            UUID runId, LocalDate last, int horizonDays, int series, @Nullable String parentRunId) {
        return new ForecastRun(
                runId,
                ForecastRun.Trigger.MANUAL,
                null,
                null,
                7L,
                last,
                horizonDays,
                ForecastRun.Status.SUCCEEDED,
                last.minusDays(365),
                last,
                series,
                0,
                0.2,
                0.15,
                0.8,
                0.95,
                null,
                1,
                Instant.parse("2026-06-01T06:00:00Z"),
                Instant.parse("2026-06-01T06:05:00Z"),
                ForecastRun.TrackingStatus.PENDING,
                0,
                null,
                parentRunId,
                null,
                null,
                null,
                null,
                null);
    }
}
