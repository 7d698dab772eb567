package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.series.SeriesKey;

/** @param direction {@code SPIKE} or {@code DROP} */
@Schema(description = "A day outside the interval forecast for it before it happened; severity is the robust z-score")
public record AnomalyView(
        String seriesId,
        String complaintType,
        String borough,
        LocalDate date,
        long actual,
        double yhat,
        double lower,
        double upper,
        double zScore,
        String direction,
        String forecastRunId) {

    public static AnomalyView of(Anomaly a) {
        return new AnomalyView(
                a.series().id(),
                a.series().complaintTypeKey().orElse(SeriesKey.ALL),
                a.series().borough().map(b -> b.key()).orElse(SeriesKey.ALL),
                a.date(),
                a.actual(),
                a.yhat(),
                a.lower(),
                a.upper(),
                a.zScore(),
                a.direction().name(),
                a.forecastRunId());
    }
}
