package org.nyc311.forecastservice.web;

import io.swagger.v3.oas.annotations.Operation;
import org.nyc311.api.forecast.CrossValidation;
import org.nyc311.api.forecast.ModelApi;
import org.nyc311.api.forecast.ModelView;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.forecastservice.tracking.SeriesTables;
import org.nyc311.model.series.SeriesKey;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model behind a series' newest stored forecast, with links to its training's MLflow run and to that run's
 * per-series table, where the series' row is.
 */
@RestController
class ModelController implements ModelApi {

    private final ForecastRunRepository runs;
    private final MlflowProperties mlflow;

    ModelController(ForecastRunRepository runs, MlflowProperties mlflow) {
        this.runs = runs;
        this.mlflow = mlflow;
    }

    @Operation(
            summary = "Model, hyperparameters, CV metrics and MLflow run of a series (series id complaintType/borough)")
    @Override
    public ModelView model(String complaintType, String borough) {
        SeriesKey key = SeriesPath.key(complaintType, borough);
        StoredSeriesForecast s = runs.latest(key.id(), 0)
                .orElseThrow(() -> new SeriesNotFoundException("no stored model for series '" + key.id() + "'"));
        String link = null;
        String table = null;
        if (s.mlflowRunId() != null && s.mlflowExperimentId() != null) {
            link = mlflow.runLink(s.mlflowExperimentId(), s.mlflowRunId());
            // the MLflow UI's route to one artifact of a run, which it shows as a table; on Databricks the run's page
            table = link == null || mlflow.onDatabricks() ? link : link + "/artifactPath/" + SeriesTables.METRICS;
        }
        return new ModelView(
                s.seriesId(),
                s.runId(),
                s.model(),
                s.hyperparameters(),
                new CrossValidation(s.cvMape(), s.cvWape(), s.cvMase(), s.cvCoverage(), s.cvPoints()),
                s.historyStart(),
                s.historyEnd(),
                s.mlflowRunId(),
                link,
                table,
                s.modelVersion());
    }
}
