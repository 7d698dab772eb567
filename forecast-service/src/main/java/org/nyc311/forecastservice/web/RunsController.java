package org.nyc311.forecastservice.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.nyc311.api.forecast.CrossValidation;
import org.nyc311.api.forecast.ForecastRunApi;
import org.nyc311.api.forecast.RunView;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.training.TrainingQueue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Trainings: started by GoldRefreshed, or by hand here; each one fits every forecastable series of gold. */
@RestController
class RunsController implements ForecastRunApi {

    private final ForecastRunRepository runs;
    private final TrainingQueue worker;
    private final ForecastProperties properties;
    private final MlflowProperties mlflow;

    RunsController(
            ForecastRunRepository runs, TrainingQueue worker, ForecastProperties properties, MlflowProperties mlflow) {
        this.runs = runs;
        this.worker = worker;
        this.properties = properties;
        this.mlflow = mlflow;
    }

    @Operation(
            summary =
                    "Starts a training over gold's newest data now; answers at once with the queued run. While a "
                            + "training asked for by hand still waits in the queue, asking again answers with that one: one waits at a time")
    @Override
    @ResponseStatus(HttpStatus.ACCEPTED)
    public RunView start() {
        ForecastRunRepository.QueuedManual queued = runs.queueManual(properties.horizonDays(), mlflow.enabled());
        if (queued.created()) {
            worker.submit(queued.runId());
        }
        return view(runs.find(queued.runId()).orElseThrow());
    }

    @Operation(summary = "The newest trainings, newest first")
    @Override
    public List<RunView> recent() {
        return runs.recent(50).stream().map(RunsController::view).toList();
    }

    @Operation(summary = "One training")
    @Override
    public RunView run(UUID runId) {
        return runs.find(runId)
                .map(RunsController::view)
                .orElseThrow(() -> new RunNotFoundException("no forecast run " + runId));
    }

    static RunView view(ForecastRun r) {
        return new RunView(
                r.runId(),
                r.trigger().name(),
                r.eventId(),
                r.status().name(),
                r.goldVersion(),
                r.historyStart(),
                r.lastActualDate(),
                r.horizonDays(),
                r.seriesForecast(),
                r.seriesFailed(),
                new CrossValidation(r.pooledMape(), r.pooledWape(), r.pooledMase(), r.pooledCoverage(), 0),
                r.trackingStatus().name(),
                r.trackingAttempts(),
                r.mlflowRunId(),
                r.modelVersion(),
                r.champion(),
                r.publishedAt() != null,
                r.error());
    }

    static class RunNotFoundException extends SeriesNotFoundException {
        RunNotFoundException(String message) {
            super(message);
        }
    }
}
