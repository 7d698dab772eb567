package org.nyc311.model.anomaly;

import java.time.LocalDate;
import java.util.Locale;
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
 * @param closedOn the first day back inside the interval; for an alert closed because it was superseded, the last day
 *     of the check that found it so; null while open
 * @param openedBy the rule that opened it, so that people can weigh one rule's alerts apart from another's
 * @param closedBecause why it closed; null while open
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
        double peakZScore,
        OpenedBy openedBy,
        @Nullable ClosedBecause closedBecause) {

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
        // an AnomalyAlert event queued before the rule was recorded has none
        if (openedBy == null) {
            openedBy = OpenedBy.UNRECORDED;
        }
        // an AnomalyAlert event queued, or an alert stored, before the reason was recorded closed back inside
        if (status == Status.CLOSED && closedBecause == null) {
            closedBecause = ClosedBecause.BACK_INSIDE;
        }
        if (status == Status.OPEN && closedBecause != null) {
            throw new IllegalArgumentException("an open alert has no reason for closing: " + id);
        }
        if (anomalousDays < 1) {
            throw new IllegalArgumentException("an alert spans at least one anomalous day: " + id);
        }
    }

    /** This alert, closed on {@code day} for {@code reason}. */
    public Alert closed(LocalDate day, ClosedBecause reason) {
        return new Alert(
                id,
                series,
                Status.CLOSED,
                episodeStart,
                openedOn,
                lastAnomalousDate,
                Objects.requireNonNull(day, "day"),
                anomalousDays,
                peakZScore,
                openedBy,
                Objects.requireNonNull(reason, "reason"));
    }

    public enum Status {
        OPEN,
        CLOSED
    }

    /** The detector's rule that opened an alert (anomaly-engine's {@code AlertEpisode.OpenedBy}), as stored and served. */
    public enum OpenedBy {
        /** Days in a row beyond their 95% interval (three by default): the seeds' rule. */
        BREACHES,
        /** The opt-in sustained-rise rule: flagged and raised days whose capped total went beyond its bound. */
        SUSTAINED_RISE,
        /** Sequential evidence: a rise inside the intervals that added up to its threshold. */
        EVIDENCE,
        /** Evidence in the intervals' margins: days above their upper bounds on average (three by default). */
        MARGIN_EVIDENCE,
        /** An alert stored, or an event sent, before the rule was recorded. */
        UNRECORDED;

        /**
         * As the API and metrics spell it: {@code breaches}, {@code sustained_rise}, {@code evidence},
         * {@code margin_evidence}, {@code unrecorded}.
         */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** In people's words, for the dashboard and notifications. */
        public String words() {
            return switch (this) {
                case BREACHES -> "days above the interval";
                case SUSTAINED_RISE -> "a sustained rise";
                case EVIDENCE -> "evidence of a rise adding up";
                case MARGIN_EVIDENCE -> "days above the interval on average";
                case UNRECORDED -> "not recorded";
            };
        }
    }

    /** Why an alert closed, as stored, served and sent. */
    public enum ClosedBecause {
        /** The series was back inside its interval: the episode ended. */
        BACK_INSIDE,
        /**
         * The detection settings changed (or the detector's rules, in an upgrade) and the check no longer derives the
         * alert.
         */
        SUPERSEDED;

        /** As the API spells it: {@code back_inside}, {@code superseded}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** In people's words, for the dashboard and notifications. */
        public String words() {
            return switch (this) {
                case BACK_INSIDE -> "back inside";
                case SUPERSEDED -> "superseded: no longer derived under the current detection settings";
            };
        }
    }
}
