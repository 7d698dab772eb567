package org.nyc311.anomaly.engine;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.series.SeriesKey;

/**
 * One run of anomalous days long enough to alert (or, under the sustained-rise or the evidence rule, a run of
 * flagged and raised days that added up): one alert however long it lasts. No null checks: only
 * {@link AnomalyDetector} makes episodes, and NullAway proves its arguments at build time.
 *
 * @param episodeStart      the first day of the run, flagged or raised (before the alert opened)
 * @param openedOn          the day the run reached the threshold
 * @param lastAnomalousDate the last day of the run seen so far, flagged or raised
 * @param closedOn          the first day that no longer counts toward the run (neither flagged nor raised); empty
 *                          while the episode is open
 * @param anomalousDays     days in the run: flagged days, and raised days under the sustained-rise or evidence rule
 * @param peakZScore        the most extreme z-score of the run (largest in the direction of the run)
 * @param openedBy          the rule that opened the alert
 */
public record AlertEpisode(
        LocalDate episodeStart,
        LocalDate openedOn,
        LocalDate lastAnomalousDate,
        Optional<LocalDate> closedOn,
        int anomalousDays,
        double peakZScore,
        OpenedBy openedBy) {

    /**
     * Which rule opened an alert: what an operator needs to weigh a rule's alerts apart from the others'. The stored
     * alert carries it as {@link Alert.OpenedBy}, by the same name.
     */
    public enum OpenedBy {
        /** Three days in a row above their upper bound (or below the lower, with drops alerting): the rule. */
        BREACHES,
        /** The opt-in sustained-rise rule: a run of flagged and raised days whose capped total is beyond its bound. */
        SUSTAINED_RISE,
        /** The sequential-evidence rule: a rise inside the intervals that added up to its threshold. */
        EVIDENCE,
        /**
         * The evidence rule in the intervals' margins ({@link DetectionSettings.MarginEvidence}): days above their upper
         * bounds on average.
         */
        MARGIN_EVIDENCE;

        /**
         * The name as a metric tag or a summary says it: {@code breaches}, {@code sustained_rise}, {@code evidence},
         * {@code margin_evidence}.
         */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isOpen() {
        return closedOn.isEmpty();
    }

    /** Whether the alert was open on {@code date}: from the day it opened to the day before it closed. */
    public boolean openOn(LocalDate date) {
        return !date.isBefore(openedOn) && closedOn.map(date::isBefore).orElse(true);
    }

    /**
     * The alert's id: derived from the series and the first day of the episode only, so that
     * re-running detection on the same days (a redelivered event) names the same alert again, and a
     * later run that sees the episode grow or close updates that alert instead of creating another.
     */
    public UUID alertId(SeriesKey series) {
        return UUID.nameUUIDFromBytes(("Alert:" + series.id() + ":" + episodeStart).getBytes(StandardCharsets.UTF_8));
    }

    public Alert toAlert(SeriesKey series) {
        return new Alert(
                alertId(series),
                series,
                isOpen() ? Alert.Status.OPEN : Alert.Status.CLOSED,
                episodeStart,
                openedOn,
                lastAnomalousDate,
                closedOn.orElse(null),
                anomalousDays,
                peakZScore,
                Alert.OpenedBy.valueOf(openedBy.name()),
                isOpen() ? null : Alert.ClosedBecause.BACK_INSIDE);
    }
}
