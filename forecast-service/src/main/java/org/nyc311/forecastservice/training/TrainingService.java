package org.nyc311.forecastservice.training;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.fit.FitOutcome;
import org.nyc311.forecastservice.fit.SeriesFitter;
import org.nyc311.forecastservice.gold.GoldReader;
import org.nyc311.forecastservice.gold.GoldSnapshot;
import org.nyc311.forecastservice.metrics.ForecastMetrics;
import org.nyc311.forecastservice.reconcile.LevelReconciliation;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.run.RunLease;
import org.nyc311.forecastservice.tracking.MlflowTracker;
import org.nyc311.forecastservice.tracking.TrackingResult;
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.service.gold.GoldUnavailableException;
import org.nyc311.service.outbox.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training, start to end: read gold, fit every forecastable series, reconcile their forecasts so that the levels
 * add up ({@link LevelReconciliation}), store the forecasts, open the
 * training's parent run in MLflow, announce them, then track every series under that parent. The
 * forecasts are stored before MLflow is touched, so a tracking server that is down loses nothing: the
 * run's tracking stays PENDING and is retried later.
 *
 * <p>ForecastsPublished waits only for the parent run (a few calls whatever the number of series), so
 * that it can name it; the series' runs (four calls each) come after it. Nothing is lost if the process
 * dies in between: the run's tracking is still PENDING with its parent recorded, and the sweep's
 * follow-up keeps that parent, deletes the series runs of the broken-off attempt and tracks them again.
 *
 * <p>All of it happens under the run's lease ({@link RunLeases}): when several instances share the
 * database, one fits a run, and an instance that lost the lease (it stalled past it) writes nothing,
 * tracks nothing and announces nothing.
 */
public class TrainingService {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);

    private final GoldReader gold;
    private final SeriesFitter fitter;
    private final LevelReconciliation reconciliation;
    private final ForecastRunRepository runs;
    private final Optional<MlflowTracker> tracker;
    private final EventPublisher publisher;
    private final ForecastMetrics metrics;
    private final ForecastProperties properties;
    private final Clock clock;
    private final int maxTrackingAttempts;
    private final RunLeases leases;

    public TrainingService(
            GoldReader gold,
            SeriesFitter fitter,
            LevelReconciliation reconciliation,
            ForecastRunRepository runs,
            Optional<MlflowTracker> tracker,
            EventPublisher publisher,
            ForecastMetrics metrics,
            ForecastProperties properties,
            Clock clock,
            int maxTrackingAttempts,
            RunLeases leases) {
        this.gold = gold;
        this.fitter = fitter;
        this.reconciliation = reconciliation;
        this.runs = runs;
        this.tracker = tracker;
        this.publisher = publisher;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.maxTrackingAttempts = maxTrackingAttempts;
        this.leases = leases;
    }

    /**
     * Runs the training {@code runId} if this instance can claim it (QUEUED, or RUNNING under a lease that
     * expired because the instance fitting it died): fits, stores, tracks and announces it under the lease.
     * Another instance holding the run, or a run already done, makes this a no-op.
     */
    public void run(UUID runId) {
        Optional<RunLeases.Held> claimed = leases.claimToFit(runId);
        if (claimed.isEmpty()) {
            LOG.debug("forecast run {}: not claimed by {} (done, or held by another instance)", runId, leases.owner());
            return;
        }
        try (RunLeases.Held held = claimed.get()) {
            if (fit(held)) {
                trackAndPublish(held);
            }
        }
    }

    /** Tracks and announces a succeeded run whose tracking or announcement is still due, if no other instance is at it. */
    public void followUp(UUID runId) {
        Optional<RunLeases.Held> claimed = leases.claimFollowUp(runId);
        if (claimed.isEmpty()) {
            return;
        }
        try (RunLeases.Held held = claimed.get()) {
            trackAndPublish(held);
        }
    }

    /** Opens the parent run, announces the run (naming the parent when it opened), then tracks the series. */
    private void trackAndPublish(RunLeases.Held held) {
        Optional<MlflowTracker.ParentRun> parent = openTracking(held);
        publish(held);
        parent.ifPresent(p -> completeTracking(held, p));
    }

    /** Reads gold and fits every series; true when the run is stored as SUCCEEDED by this holder. */
    private boolean fit(RunLeases.Held held) {
        RunLease lease = held.lease();
        UUID runId = lease.runId();
        ForecastRun run = runs.find(runId).orElseThrow(() -> new IllegalArgumentException("no forecast run " + runId));
        FitOutcome outcome;
        try {
            GoldSnapshot snapshot = gold.forecastableHistory(
                    Optional.ofNullable(run.latestComplete()), run.goldVersion() == null ? -1 : run.goldVersion());
            LOG.info(
                    "forecast run {} claimed by {} (attempt {}): fitting {} series of gold version {} up to {}",
                    runId,
                    lease.owner(),
                    run.attempts(),
                    snapshot.series().size(),
                    snapshot.goldVersion(),
                    snapshot.lastActualDate());
            outcome = reconciliation.reconcile(
                    snapshot, fitter.fitAll(snapshot.series(), run.horizonDays()), run.horizonDays());
            if (!runs.succeeded(
                    lease, snapshot.goldVersion(), snapshot.historyStart(), snapshot.lastActualDate(), outcome)) {
                LOG.warn(
                        "forecast run {}: {} finished fitting after another instance had taken the run over; "
                                + "its result is discarded, the run is the new holder's",
                        runId,
                        lease.owner());
                metrics.trainingFinished("superseded", Double.NaN);
                return false;
            }
        } catch (GoldUnavailableException e) {
            // the warehouse is away (stopped, or a SQL warehouse still starting): the run waits for it
            LOG.warn(
                    "forecast run {}: gold could not be read (attempt {} of {}): {}",
                    runId,
                    run.attempts(),
                    properties.maxAttempts(),
                    e.getMessage());
            if (!runs.requeueOrFail(lease, e.getMessage(), properties.maxAttempts())) {
                LOG.warn(
                        "forecast run {}: not put back in the queue by {}: another instance has taken it over",
                        runId,
                        lease.owner());
            }
            metrics.trainingFinished("gold_unavailable", Double.NaN);
            return false;
        } catch (RuntimeException e) {
            LOG.error("forecast run {} failed", runId, e);
            if (!runs.failed(lease, e.toString())) {
                LOG.warn(
                        "forecast run {}: FAILED not written by {}: another instance has taken the run over",
                        runId,
                        lease.owner());
            }
            metrics.trainingFinished("failed", Double.NaN);
            return false;
        }
        metrics.trainingFinished("succeeded", outcome.pooled().wape());
        return true;
    }

    /**
     * Opens a succeeded run's parent run in MLflow and records it; empty when tracking is off, done, or failed (then
     * it stays PENDING, or FAILED after too many attempts).
     */
    private Optional<MlflowTracker.ParentRun> openTracking(RunLeases.Held held) {
        if (tracker.isEmpty()) {
            return Optional.empty();
        }
        UUID runId = held.lease().runId();
        ForecastRun run = runs.find(runId).orElseThrow();
        if (run.trackingStatus() != ForecastRun.TrackingStatus.PENDING || !held.stillHeld()) {
            return Optional.empty();
        }
        try {
            MlflowTracker.ParentRun parent = tracker.get().open(run);
            if (!runs.trackingOpened(held.lease(), parent.experimentId(), parent.runId())) {
                // the new holder's open finds this parent by its tag and deletes it, as it records another
                LOG.warn("forecast run {}: lease lost while opening MLflow run {}", runId, parent.runId());
                return Optional.empty();
            }
            return Optional.of(parent);
        } catch (Exception e) {
            trackingFailed(held, e);
            return Optional.empty();
        }
    }

    /** Tracks every series of a run in its opened MLflow run's tables; on failure its tracking stays PENDING (or FAILED). */
    private void completeTracking(RunLeases.Held held, MlflowTracker.ParentRun parent) {
        UUID runId = held.lease().runId();
        if (!held.stillHeld()) {
            return;
        }
        try {
            ForecastRun run = runs.find(runId).orElseThrow();
            TrackingResult result = tracker.orElseThrow().complete(run, parent, runs.seriesWithPoints(runId));
            if (!runs.tracked(
                    held.lease(),
                    result.experimentId(),
                    result.parentRunId(),
                    result.modelVersion(),
                    result.champion())) {
                // the lease went while MLflow was written: the new holder's open keeps this run if the forecast run
                // records
                // it (and writes its tables again) or deletes it; nothing of this attempt stands beside the holder's
                LOG.warn(
                        "forecast run {}: lease lost while tracking MLflow run {}; left to the new holder, not recorded by {}",
                        runId,
                        result.parentRunId(),
                        held.lease().owner());
                return;
            }
            metrics.trackingAttempt(true);
            LOG.info(
                    "forecast run {} tracked as MLflow run {} ({} series in its tables), model version {}{}",
                    runId,
                    result.parentRunId(),
                    result.seriesCount(),
                    result.modelVersion(),
                    result.champion() ? " (champion)" : "");
        } catch (Exception e) {
            trackingFailed(held, e);
        }
    }

    private void trackingFailed(RunLeases.Held held, Exception e) {
        LOG.warn(
                "forecast run {}: MLflow tracking failed, will retry: {}",
                held.lease().runId(),
                e.toString());
        runs.trackingFailed(held.lease(), e.toString(), maxTrackingAttempts);
        metrics.trackingAttempt(false);
    }

    /**
     * Announces a succeeded run, once: only the lease's holder sends, and only while it still holds the
     * lease. The event goes through service-support's outbox: SQS being away holds nothing up, the event
     * waits in {@code event_outbox} until SQS takes it; when the database cannot store it, the run stays
     * unpublished and a sweep tries again. The event id derives
     * from the run id, so a repeat that slips through (a crash between sending and recording) is one
     * consumers drop.
     */
    private boolean publish(RunLeases.Held held) {
        UUID runId = held.lease().runId();
        ForecastRun run = runs.find(runId).orElseThrow();
        if (run.status() != ForecastRun.Status.SUCCEEDED || run.publishedAt() != null || !held.stillHeld()) {
            return false;
        }
        try {
            publisher.publish(ForecastsPublished.of(
                    clock,
                    runId.toString(),
                    run.goldVersion() == null ? -1 : run.goldVersion(),
                    // set when the run succeeded, which is when it is published
                    Objects.requireNonNull(run.lastActualDate()),
                    run.horizonDays(),
                    run.seriesForecast(),
                    run.seriesFailed(),
                    run.mlflowRunId()));
        } catch (RuntimeException e) {
            LOG.warn("forecast run {}: ForecastsPublished not staged, will retry: {}", runId, e.toString());
            return false;
        }
        if (!runs.published(held.lease())) {
            LOG.warn(
                    "forecast run {}: ForecastsPublished sent by {} but not recorded: the lease was taken over",
                    runId,
                    held.lease().owner());
        }
        return true;
    }

    public ForecastProperties properties() {
        return properties;
    }
}
