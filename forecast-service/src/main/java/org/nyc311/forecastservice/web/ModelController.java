package org.nyc311.forecastservice.web;

import io.swagger.v3.oas.annotations.Operation;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.model.series.SeriesKey;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The model behind a series' newest stored forecast, with a link to its MLflow run. */
@RestController
@RequestMapping("/api/v1/models")
class ModelController {

    private final ForecastRunRepository runs;
    private final MlflowProperties mlflow;

    ModelController(ForecastRunRepository runs, MlflowProperties mlflow) {
        this.runs = runs;
        this.mlflow = mlflow;
    }

    @Operation(summary = "Model, hyperparameters, CV metrics and MLflow run of a series (series id complaintType/borough)")
    @GetMapping("/{complaintType}/{borough}")
    ApiViews.ModelView model(@PathVariable String complaintType, @PathVariable String borough) {
        SeriesKey key = SeriesKey.parse(complaintType + "/" + borough);
        StoredSeriesForecast s = runs.latest(key.id(), 0)
                .orElseThrow(() -> new SeriesNotFoundException("no stored model for series '" + key.id() + "'"));
        String link = null;
        if (s.mlflowRunId() != null && mlflow.uiUri() != null && s.mlflowExperimentId() != null) {
            link = mlflow.uiUri() + "/#/experiments/" + s.mlflowExperimentId() + "/runs/" + s.mlflowRunId();
        }
        return new ApiViews.ModelView(s.seriesId(), s.runId(), s.model(), s.hyperparameters(),
                new ApiViews.CrossValidation(s.cvMape(), s.cvWape(), s.cvMase(), s.cvCoverage(), s.cvPoints()),
                s.historyStart(), s.historyEnd(), s.mlflowRunId(), s.parentMlflowRunId(), link, s.modelVersion());
    }
}
