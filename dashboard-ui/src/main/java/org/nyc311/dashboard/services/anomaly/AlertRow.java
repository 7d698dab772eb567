package org.nyc311.dashboard.services.anomaly;

import java.time.LocalDate;
import java.util.UUID;

/** One alert episode as anomaly-service's {@code GET /api/v1/alerts} returns it (shared-model's {@code Alert}). */
public record AlertRow(
        UUID id,
        String series,
        String status,
        LocalDate episodeStart,
        LocalDate openedOn,
        LocalDate lastAnomalousDate,
        LocalDate closedOn,
        int anomalousDays,
        double peakZScore) {
}
