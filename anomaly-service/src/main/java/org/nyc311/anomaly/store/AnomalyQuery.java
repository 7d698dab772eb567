package org.nyc311.anomaly.store;

import java.time.LocalDate;
import java.util.Optional;
import org.nyc311.model.anomaly.Anomaly;

/** Filters of the anomaly list; all optional. {@code minSeverity} compares with the absolute z-score (drops score negative). */
public record AnomalyQuery(
        Optional<LocalDate> from,
        Optional<LocalDate> to,
        Optional<String> complaintTypeKey,
        Optional<String> boroughKey,
        Optional<Double> minSeverity,
        Optional<Anomaly.Direction> direction,
        int limit) {}
