package org.nyc311.dashboard.services.anomaly;

import com.fasterxml.jackson.annotation.JsonAlias;

import java.time.LocalDate;
import java.util.UUID;

/** One alert episode as anomaly-service's {@code GET /api/v1/alerts} returns it (shared-model's {@code Alert}). */
public record AlertRow(
        @JsonAlias("alertId") UUID id,
        @JsonAlias("seriesId") String series,
        String status,
        LocalDate episodeStart,
        LocalDate openedOn,
        LocalDate lastAnomalousDate,
        LocalDate closedOn,
        int anomalousDays,
        double peakZScore) {
}
