package org.nyc311.dashboard.services.anomaly;

import java.time.LocalDate;

/** The filters of {@code GET /api/v1/anomalies}; null means "any". */
public record AnomalyQuery(LocalDate from, LocalDate to, String complaintType, String borough, Double minSeverity) {

    public static AnomalyQuery any() {
        return new AnomalyQuery(null, null, null, null, null);
    }
}
