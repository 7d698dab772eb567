package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Schema(
        description =
                "One ForecastsPublished judged: the forecast run it named, the last day with actuals, and what was found")
public record CheckView(
        UUID eventId,
        String forecastRunId,
        Instant processedAt,
        @Nullable LocalDate lastActualDate,
        @Nullable Integer forecastsStored,
        @Nullable Integer daysChecked,
        @Nullable Integer anomalies,
        @Nullable Integer alertsOpened,
        @Nullable Integer alertsClosed) {}
