package org.nyc311.forecastservice.run;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * One series' stored forecast: its run, model, evidence, MLflow run and points.
 *
 * @param mlflowRunId the training's MLflow run (null until tracking opened it), whose tables hold this series' rows
 *                    under its id
 */
public record StoredSeriesForecast(
        UUID runId,
        String seriesId,
        String model,
        Map<String, String> hyperparameters,
        @Nullable Double cvMape,
        @Nullable Double cvWape,
        @Nullable Double cvMase,
        @Nullable Double cvCoverage,
        int cvPoints,
        LocalDate historyStart,
        LocalDate historyEnd,
        @Nullable String mlflowRunId,
        @Nullable String mlflowExperimentId,
        @Nullable String modelVersion,
        @Nullable Long goldVersion,
        List<ForecastPoint> points) {

    public StoredSeriesForecast {
        hyperparameters = Map.copyOf(hyperparameters);
        points = List.copyOf(points);
    }
}
