package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@Schema(
        description =
                "One ForecastsPublished judged: the forecast run it named, the last day with actuals, and what was found")
public record CheckView(
        UUID eventId,
        String forecastRunId,
        Instant processedAt,
        LocalDate lastActualDate,
        Integer forecastsStored,
        Integer daysChecked,
        Integer anomalies,
        Integer alertsOpened,
        Integer alertsClosed) {}
