package org.nyc311.model.anomaly;

import java.time.LocalDate;
import java.util.Objects;
import org.nyc311.model.series.SeriesKey;

/**
 * A day on which a series fell outside the interval forecast for it before that day happened.
 *
 * @param zScore robust z-score of the residual (median and MAD of recent residuals): the severity
 * @param forecastRunId the forecast run whose interval was breached, so the judgement can be traced
 */
public record Anomaly(
        SeriesKey series,
        LocalDate date,
        long actual,
        double yhat,
        double lower,
        double upper,
        double zScore,
        Direction direction,
        String forecastRunId) {

    public Anomaly {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(forecastRunId, "forecastRunId");
    }

    public enum Direction {
        /** Above the upper bound: the case that raises alerts. */
        SPIKE,
        /** Below the lower bound: recorded, does not alert by default. */
        DROP
    }
}
