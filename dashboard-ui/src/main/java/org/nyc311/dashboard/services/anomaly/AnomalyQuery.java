package org.nyc311.dashboard.services.anomaly;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The filters of {@code GET /api/v1/anomalies}; null means "any". */
public record AnomalyQuery(
        @Nullable LocalDate from,
        @Nullable LocalDate to,
        @Nullable String complaintType,
        @Nullable String borough,
        @Nullable Double minSeverity) {

    public static AnomalyQuery any() {
        return new AnomalyQuery(null, null, null, null, null);
    }
}
