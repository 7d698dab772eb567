package org.nyc311.dashboard.services.anomaly;

import com.fasterxml.jackson.annotation.JsonAlias;

import java.time.LocalDate;

/**
 * One anomalous day as anomaly-service's {@code GET /api/v1/anomalies} returns it (the shape of shared-model's
 * {@code Anomaly}; the series as its id, e.g. {@code noise-residential/brooklyn}).
 */
public record AnomalyRow(
        @JsonAlias("seriesId") String series,
        LocalDate date,
        long actual,
        double yhat,
        double lower,
        double upper,
        double zScore,
        String direction,
        String forecastRunId) {
}
