package org.nyc311.anomaly.engine.rolling;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.nyc311.anomaly.engine.DayVerdict;
import org.nyc311.anomaly.engine.Detection;

/**
 * Rolling detection of one series.
 *
 * @param from      the first day asked about
 * @param detection verdicts from the warm-up (the z-window before {@code from}, as far as the history
 *                  reaches) to the series' last day, and the alert episodes among them
 */
public record SeriesDetection(LocalDate from, Detection detection) {

    public SeriesDetection {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(detection, "detection");
    }

    /** The verdicts from {@code from} on: the days the caller asked about, without the warm-up. */
    public List<DayVerdict> reported() {
        return detection.days().stream().filter(v -> !v.date().isBefore(from)).toList();
    }
}
