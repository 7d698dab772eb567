package org.nyc311.anomaly.engine;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.series.SeriesKey;

/**
 * The judgement of one day.
 *
 * @param day         the actual and its interval
 * @param breach      spike, drop or inside
 * @param anomalous   the day's flag: a spike above the upper bound, or a drop when drops alert; the
 *                    only days the false positive rate of day flags counts
 * @param raised      inside the interval, not flagged, but counted toward a spike run by the
 *                    sustained-rise rule ({@link DetectionSettings#sustainedRise()}): its z-score is at
 *                    least {@link DetectionSettings#sustainedMinZ()}; always false with the rule off
 * @param zScore      robust z-score of the residual against the residuals of the days before: the severity
 * @param alertOpened whether an alert opens on this day (the run reached the threshold of a rule)
 * @param evidence    the evidence of a rise after this day ({@link DetectionSettings.Evidence}'s CUSUM, in robust
 *                    standard deviations, or on a series whose intervals show the rise the last days' capped scores
 *                    in margins, {@link DetectionSettings.MarginEvidence}); 0 when the rule is off or nothing is rising
 */
public record DayVerdict(
        ObservedDay day,
        Breach breach,
        boolean anomalous,
        boolean raised,
        double zScore,
        boolean alertOpened,
        double evidence) {

    public DayVerdict {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(breach, "breach");
        if (anomalous && raised) {
            throw new IllegalArgumentException("a flagged day is not also raised: " + day);
        }
    }

    public LocalDate date() {
        return day.date();
    }

    /** Whether the day counts toward an alert's run: flagged, or raised by the sustained-rise rule. */
    public boolean countsTowardAlert() {
        return anomalous || raised;
    }

    /**
     * The shared-model record of this day, if it breached its interval either way (drops are recorded
     * even when they do not alert).
     *
     * @param forecastRunId the forecast run whose interval was judged against
     */
    public Optional<Anomaly> toAnomaly(SeriesKey series, String forecastRunId) {
        if (breach == Breach.NONE) {
            return Optional.empty();
        }
        return Optional.of(new Anomaly(
                series,
                day.date(),
                Math.round(day.actual()),
                day.yhat(),
                day.lower(),
                day.upper(),
                zScore,
                breach == Breach.SPIKE ? Anomaly.Direction.SPIKE : Anomaly.Direction.DROP,
                forecastRunId));
    }
}
