package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.series.SeriesKey;

@Schema(description = "A day outside the interval forecast for it before it happened; severity is the robust z-score")
public record AnomalyView(
        @Schema(example = "noise-residential/brooklyn") String seriesId,

        @Schema(description = "the complaint type's key, or all", example = "noise-residential")
        String complaintType,

        @Schema(description = "the borough's key, or all", example = "brooklyn")
        String borough,

        LocalDate date,

        @Schema(description = "requests that day, as gold counts them")
        long actual,

        @Schema(description = "the forecast for the day, made before it")
        double yhat,

        @Schema(description = "the lower bound of the interval forecast for the day (95% unless configured otherwise)")
        double lower,

        @Schema(description = "the upper bound of the interval forecast for the day")
        double upper,

        @Schema(description = "robust z-score of the day's residual (median and MAD of recent ones): the severity")
        double zScore,

        @Schema(
                description = "above the interval or below it",
                allowableValues = {"SPIKE", "DROP"})
        String direction,

        @Schema(description = "the forecast run whose interval the day left")
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
