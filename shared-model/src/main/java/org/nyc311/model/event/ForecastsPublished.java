package org.nyc311.model.event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A forecast run has stored forecasts for every eligible series. Consumed by anomaly-service.
 *
 * @param goldVersion the Delta version of gold's daily series the run read
 * @param lastActualDate the last day of history the forecasts saw; forecasts start the day after
 * @param mlflowRunId the parent MLflow run, or null while tracking is still pending
 */
public record ForecastsPublished(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String forecastRunId,
        long goldVersion,
        LocalDate lastActualDate,
        int horizonDays,
        int seriesForecast,
        int seriesFailed,
        @Nullable String mlflowRunId)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public ForecastsPublished {
        EventFields.check(eventId, schemaVersion, occurredAt, "ForecastsPublished");
        Objects.requireNonNull(forecastRunId, "forecastRunId");
        Objects.requireNonNull(lastActualDate, "lastActualDate");
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizonDays must be at least 1: " + horizonDays);
        }
    }

    public static ForecastsPublished of(
            Clock clock,
            String forecastRunId,
            long goldVersion,
            LocalDate lastActualDate,
            int horizonDays,
            int seriesForecast,
            int seriesFailed,
            @Nullable String mlflowRunId) {
        UUID id = UUID.nameUUIDFromBytes(
                ("ForecastsPublished:" + forecastRunId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new ForecastsPublished(
                id,
                SCHEMA_VERSION,
                clock.instant(),
                forecastRunId,
                goldVersion,
                lastActualDate,
                horizonDays,
                seriesForecast,
                seriesFailed,
                mlflowRunId);
    }

    @Override
    public int supportedSchemaVersion() {
        return SCHEMA_VERSION;
    }
}
