package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.anomaly.Alert;

/**
 * @param status          {@code open} or {@code closed}
 * @param openedBy        the rule that opened it: {@code breaches} (days in a row beyond the 95% interval),
 *                        {@code sustained_rise}, {@code evidence} (a rise inside the intervals that added up),
 *                        {@code margin_evidence} (days above the interval on average), or
 *                        {@code unrecorded} for an alert stored before the rule was
 * @param closedBecause   why it closed: {@code back_inside} (the episode ended) or {@code superseded} (the detection
 *                        settings changed and the check no longer derives it); null while open
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
        String openedBy,
        @Nullable String closedBecause,
        @Nullable AcknowledgementView acknowledgement,
        @Nullable LabelView label) {

    public AlertView {
        // an anomaly-service from before the rule was recorded sends none
        if (openedBy == null) {
            openedBy = Alert.OpenedBy.UNRECORDED.tag();
        }
        // nor, before the reason was recorded, why a closed alert closed: back inside
        if (closedBecause == null && "closed".equals(status)) {
            closedBecause = Alert.ClosedBecause.BACK_INSIDE.tag();
        }
    }

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
                a.openedBy().tag(),
                a.closedBecause() == null ? null : a.closedBecause().tag(),
                acknowledgement,
                label);
    }
}
