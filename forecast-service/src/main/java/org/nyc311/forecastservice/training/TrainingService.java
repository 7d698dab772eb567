package org.nyc311.forecastservice.training;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.fit.FitOutcome;
import org.nyc311.forecastservice.fit.SeriesFitter;
import org.nyc311.forecastservice.gold.GoldSnapshot;
import org.nyc311.forecastservice.gold.GoldWarehouse;
import org.nyc311.forecastservice.metrics.ForecastMetrics;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.run.ForecastsPublishedPublisher;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.forecastservice.tracking.MlflowTracker;
import org.nyc311.forecastservice.tracking.TrackingResult;
import org.nyc311.model.event.ForecastsPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training, start to end: read gold, fit every forecastable series, store the forecasts, track
 * them in MLflow, announce them. The forecasts are stored before MLflow is touched, so a tracking
 * server that is down loses nothing: the run's tracking stays PENDING and is retried later.
 */
public class TrainingService {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);

    private final GoldWarehouse gold;
    private final SeriesFitter fitter;
    private final ForecastRunRepository runs;
    private final Optional<MlflowTracker> tracker;
    private final ForecastsPublishedPublisher publisher;
    private final ForecastMetrics metrics;
    private final ForecastProperties properties;
    private final Clock clock;
    private final int maxTrackingAttempts;

    public TrainingService(GoldWarehouse gold, SeriesFitter fitter, ForecastRunRepository runs, Optional<MlflowTracker> tracker,
            ForecastsPublishedPublisher publisher, ForecastMetrics metrics, ForecastProperties properties, Clock clock,
            int maxTrackingAttempts) {
        this.gold = gold;
        this.fitter = fitter;
        this.runs = runs;
        this.tracker = tracker;
        this.publisher = publisher;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.maxTrackingAttempts = maxTrackingAttempts;
    }

    /** Runs the training {@code runId} (QUEUED, or RUNNING when a restart interrupted it). */
    public void run(UUID runId) {
        ForecastRun run = runs.find(runId).orElseThrow(() -> new IllegalArgumentException("no forecast run " + runId));
        if (run.status() == ForecastRun.Status.SUCCEEDED || run.status() == ForecastRun.Status.FAILED) {
            return;
        }
        runs.started(runId);
        FitOutcome outcome;
        GoldSnapshot snapshot;
        try {
            snapshot = gold.forecastableHistory(Optional.ofNullable(run.latestComplete()),
                    run.goldVersion() == null ? -1 : run.goldVersion());
            LOG.info("forecast run {}: fitting {} series of gold version {} up to {}", runId, snapshot.series().size(),
                    snapshot.goldVersion(), snapshot.lastActualDate());
            outcome = fitter.fitAll(snapshot.series(), run.horizonDays());
            runs.succeeded(runId, snapshot.goldVersion(), snapshot.historyStart(), snapshot.lastActualDate(), outcome);
        } catch (GoldWarehouse.GoldUnavailableException e) {
            // the warehouse is away (stopped, or a SQL warehouse still starting): the run waits for it
            LOG.warn("forecast run {}: gold could not be read (attempt {} of {}): {}", runId, run.attempts() + 1,
                    properties.maxAttempts(), e.getMessage());
            runs.requeueOrFail(runId, e.getMessage(), properties.maxAttempts());
            metrics.trainingFinished("gold_unavailable", Double.NaN);
            return;
        } catch (RuntimeException e) {
            LOG.error("forecast run {} failed", runId, e);
            runs.failed(runId, e.toString());
            metrics.trainingFinished("failed", Double.NaN);
            return;
        }
        metrics.trainingFinished("succeeded", outcome.pooled().wape());
        track(runId);
        publish(runId);
    }

    /** Tracks a succeeded run in MLflow; on failure its tracking stays PENDING (or FAILED after too many attempts). */
    public boolean track(UUID runId) {
        if (tracker.isEmpty()) {
            return false;
        }
        ForecastRun run = runs.find(runId).orElseThrow();
        if (run.trackingStatus() != ForecastRun.TrackingStatus.PENDING) {
            return run.trackingStatus() == ForecastRun.TrackingStatus.TRACKED;
        }
        try {
            List<StoredSeriesForecast> series = new ArrayList<>();
            for (StoredSeriesForecast s : runs.seriesOf(runId)) {
                series.add(new StoredSeriesForecast(s.runId(), s.seriesId(), s.model(), s.hyperparameters(), s.cvMape(),
                        s.cvWape(), s.cvMase(), s.cvCoverage(), s.cvPoints(), s.historyStart(), s.historyEnd(), s.mlflowRunId(),
                        s.parentMlflowRunId(), s.mlflowExperimentId(), s.modelVersion(), s.goldVersion(), runs.points(runId, s.seriesId(), run.horizonDays())));
            }
            TrackingResult result = tracker.get().track(run, series);
            runs.tracked(runId, result.experimentId(), result.parentRunId(), result.seriesRunIds(), result.modelVersion(), result.champion());
            metrics.trackingAttempt(true);
            LOG.info("forecast run {} tracked as MLflow run {}, model version {}{}", runId, result.parentRunId(),
                    result.modelVersion(), result.champion() ? " (champion)" : "");
            return true;
        } catch (Exception e) {
            LOG.warn("forecast run {}: MLflow tracking failed, will retry: {}", runId, e.toString());
            runs.trackingFailed(runId, e.toString(), maxTrackingAttempts);
            metrics.trackingAttempt(false);
            return false;
        }
    }

    /** Announces a succeeded run; when SQS refuses, the run stays unpublished and the sweeper tries again. */
    public boolean publish(UUID runId) {
        ForecastRun run = runs.find(runId).orElseThrow();
        if (run.status() != ForecastRun.Status.SUCCEEDED || run.publishedAt() != null) {
            return false;
        }
        try {
            publisher.publish(ForecastsPublished.of(clock, runId.toString(), run.goldVersion() == null ? -1 : run.goldVersion(),
                    run.lastActualDate(), run.horizonDays(), run.seriesForecast(), run.seriesFailed(), run.mlflowRunId()));
            runs.published(runId);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("forecast run {}: ForecastsPublished not sent, will retry: {}", runId, e.toString());
            return false;
        }
    }

    public ForecastProperties properties() {
        return properties;
    }
}
