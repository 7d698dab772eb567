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
 * @param closedOn the first day back inside the interval; null while open
 * @param openedBy the rule that opened it, so that people can weigh one rule's alerts apart from another's
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
        OpenedBy openedBy) {

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
        if (anomalousDays < 1) {
            throw new IllegalArgumentException("an alert spans at least one anomalous day: " + id);
        }
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
}
