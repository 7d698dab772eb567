package org.nyc311.forecastservice.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.model.forecast.ForecastPoint;

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

    /**
     * {@code count} fitted series of the run, {@code type-<i>/brooklyn}, each with {@code horizonDays} forecast days
     * after {@code last} (10 + i, interval 5 + i to 15 + i) and the same cross-validation figures.
     */
    static List<StoredSeriesForecast> series(
            UUID runId, LocalDate last, int horizonDays, int count, Map<String, String> hyperparameters) {
        List<StoredSeriesForecast> series = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<ForecastPoint> points = new ArrayList<>();
            for (int d = 1; d <= horizonDays; d++) {
                points.add(new ForecastPoint(last.plusDays(d), 10 + i, 5 + i, 15 + i, 0.95));
            }
            series.add(new StoredSeriesForecast(
                    runId,
                    "type-" + i + "/brooklyn",
                    "prophet",
                    hyperparameters,
                    0.2,
                    0.15,
                    0.8,
                    0.95,
                    28,
                    last.minusDays(365),
                    last,
                    null,
                    null,
                    null,
                    7L,
                    points));
        }
        return series;
    }
}
