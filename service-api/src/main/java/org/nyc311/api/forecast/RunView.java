package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.UUID;

@Schema(description = "A training run")
public record RunView(
        UUID forecastRunId,
        String trigger,
        UUID eventId,
        String status,
        Long goldVersion,
        LocalDate historyStart,
        LocalDate lastActualDate,
        int horizonDays,
        int seriesForecast,
        int seriesFailed,
        CrossValidation pooled,
        String trackingStatus,
        int trackingAttempts,
        String mlflowRunId,
        String modelVersion,
        Boolean champion,
        boolean published,
        String error) {}
