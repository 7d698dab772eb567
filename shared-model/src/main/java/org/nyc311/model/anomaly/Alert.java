package org.nyc311.model.anomaly;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.series.SeriesKey;

/**
 * One episode of a series running abnormally high: it opens after enough consecutive anomalous days
 * and closes when the series is back inside its interval. One alert per episode, however long.
 *
 * @param episodeStart the first anomalous day of the episode (before the alert opened)
 * @param openedOn the day the run of anomalous days reached the threshold
 * @param closedOn the first day back inside the interval; null while open
 */
public record Alert(
        UUID id,
        SeriesKey series,
        Status status,
        LocalDate episodeStart,
        LocalDate openedOn,
        LocalDate lastAnomalousDate,
        @Nullable LocalDate closedOn,
        int anomalousDays,
        double peakZScore) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(episodeStart, "episodeStart");
        Objects.requireNonNull(openedOn, "openedOn");
        Objects.requireNonNull(lastAnomalousDate, "lastAnomalousDate");
        if ((status == Status.CLOSED) != (closedOn != null)) {
            throw new IllegalArgumentException("a closed alert has a closedOn date, an open one has none: " + id);
        }
        if (anomalousDays < 1) {
            throw new IllegalArgumentException("an alert spans at least one anomalous day: " + id);
        }
    }

    public enum Status {
        OPEN,
        CLOSED
    }
}
