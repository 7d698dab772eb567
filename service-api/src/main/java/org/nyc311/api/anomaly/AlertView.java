package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.anomaly.Alert;

/**
 * @param status          {@code open} or {@code closed}
 * @param acknowledgement who acknowledged the alert and when; null while no one has
 * @param label           the alert's current label (the latest of its history); null while unlabelled
 */
@Schema(
        description =
                "One episode of anomalous days: opened on the day the run reached the threshold, closed when back inside")
public record AlertView(
        UUID alertId,
        String seriesId,
        String status,
        LocalDate episodeStart,
        LocalDate openedOn,
        LocalDate lastAnomalousDate,
        @Nullable LocalDate closedOn,
        int anomalousDays,
        double peakZScore,
        @Nullable AcknowledgementView acknowledgement,
        @Nullable LabelView label) {

    public static AlertView of(Alert a) {
        return of(a, null, null);
    }

    public static AlertView of(Alert a, @Nullable AcknowledgementView acknowledgement, @Nullable LabelView label) {
        return new AlertView(
                a.id(),
                a.series().id(),
                a.status().name().toLowerCase(Locale.ROOT),
                a.episodeStart(),
                a.openedOn(),
                a.lastAnomalousDate(),
                a.closedOn(),
                a.anomalousDays(),
                a.peakZScore(),
                acknowledgement,
                label);
    }
}
