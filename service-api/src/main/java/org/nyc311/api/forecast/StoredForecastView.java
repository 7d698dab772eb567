package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * @param lastActualDate the last day of history the forecast saw: a point's horizon counts from it
 * @param points         never null: an answer without points reads as none
 */
@Schema(description = "A series' newest stored forecast, traceable to its forecast run, model and MLflow run")
public record StoredForecastView(
        String seriesId,
        UUID forecastRunId,
        String model,
        @Nullable String mlflowRunId,
        @Nullable Long goldVersion,
        LocalDate lastActualDate,
        int horizon,
        List<ForecastPoint> points) {

    public StoredForecastView {
        points = points == null ? List.of() : List.copyOf(points);
    }
}
