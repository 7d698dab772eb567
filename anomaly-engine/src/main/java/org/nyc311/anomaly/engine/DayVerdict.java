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
 * @param anomalous   whether the day counts toward an alert: a spike, or a drop when drops alert
 * @param zScore      robust z-score of the residual against the residuals of the days before: the severity
 * @param alertOpened whether an alert opens on this day (the run of anomalous days reached the threshold)
 */
public record DayVerdict(ObservedDay day, Breach breach, boolean anomalous, double zScore, boolean alertOpened) {

    public DayVerdict {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(breach, "breach");
    }

    public LocalDate date() {
        return day.date();
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
        return Optional.of(new Anomaly(series, day.date(), Math.round(day.actual()), day.yhat(), day.lower(),
                day.upper(), zScore, breach == Breach.SPIKE ? Anomaly.Direction.SPIKE : Anomaly.Direction.DROP,
                forecastRunId));
    }
}
