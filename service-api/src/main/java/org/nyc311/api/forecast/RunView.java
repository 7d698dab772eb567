package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Schema(description = "A training run")
public record RunView(
        UUID forecastRunId,
        String trigger,
        @Nullable UUID eventId,
        String status,
        @Nullable Long goldVersion,
        @Nullable LocalDate historyStart,
        @Nullable LocalDate lastActualDate,
        int horizonDays,
        int seriesForecast,
        int seriesFailed,
        CrossValidation pooled,
        String trackingStatus,
        int trackingAttempts,
        @Nullable String mlflowRunId,
        @Nullable String modelVersion,
        @Nullable Boolean champion,
        boolean published,
        @Nullable String error) {}
