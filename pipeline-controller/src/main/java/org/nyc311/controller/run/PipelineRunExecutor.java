package org.nyc311.controller.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.controller.job.JobOutcome;
import org.nyc311.controller.job.JobRequest;
import org.nyc311.controller.job.JobRunner;
import org.nyc311.controller.metrics.PipelineMetrics;
import org.nyc311.controller.quality.DataQualityCheck;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.pipeline.RunResult;
import org.nyc311.service.health.DependencyFailures;
import org.nyc311.service.outbox.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs pipeline runs one at a time, on a thread of its own: the run in progress first (its next
 * attempt once its backoff has passed), else the waiting one. A successful attempt publishes
 * GoldRefreshed and then marks the run SUCCEEDED; a failed one is tried again after a doubling
 * backoff until the attempts are spent, then the run is FAILED and nothing is published.
 *
 * <p>Publishing before marking means a crash in between repeats the run and publishes again, with the
 * same event id (it derives from the run id): consumers drop the repeat, nothing is lost.
 *
 * <p>An attempt whose job outlives the controller (a Databricks run) is not started twice: its job run
 * id is recorded as soon as the runner has one, and when the controller stops, is killed or restarts
 * during the attempt, the next start finds the RUNNING run with that id and no retry scheduled, and
 * resumes following the same job ({@link JobRunner#resume}) instead of starting a new one.
 *
 * <p>A job that succeeded while S3 (its result.json) or PostgreSQL is away is not a failed attempt: the
 * worker tries to finish it again, with a backoff of at most 30 s, for {@code retry.finish-within}
 * (30 min), without running the job again. GoldRefreshed goes through the outbox, so SQS being away
 * does not hold the run up at all.
 */
@Component
public class PipelineRunExecutor implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunExecutor.class);
    private static final Duration MAX_FINISH_WAIT = Duration.ofSeconds(30);

    private final PipelineRunRepository runs;
    private final JobRunner runner;
    private final RunResultReader results;
    private final EventPublisher publisher;
    private final PipelineMetrics metrics;
    private final DataQualityCheck quality;
    private final Clock clock;
    private final ControllerProperties.Retry retry;
    private final Duration pollInterval;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile @Nullable Thread thread;

    public PipelineRunExecutor(
            PipelineRunRepository runs,
            JobRunner runner,
            RunResultReader results,
            EventPublisher publisher,
            PipelineMetrics metrics,
            DataQualityCheck quality,
            Clock clock,
            ControllerProperties properties) {
        this.runs = runs;
        this.runner = runner;
        this.results = results;
        this.publisher = publisher;
        this.metrics = metrics;
        this.quality = quality;
        this.clock = clock;
        this.retry = properties.retry();
        this.pollInterval = properties.pollInterval();
    }

    /** Something may be ready to run: look now rather than at the next poll. */
    public void wake() {
        wakeUps.release();
    }

    @Override
    public void start() {
        try {
            runs.newestCreatedInGold().ifPresent(metrics::goldRefreshed);
        } catch (RuntimeException e) {
            LOG.warn("data freshness unknown until the next successful run: {}", e.getMessage());
        }
        Thread worker = new Thread(this::loop, "pipeline-run-worker");
        thread = worker;
        worker.start();
    }

    @Override
    public void stop() {
        Thread worker = thread;
        thread = null;
        if (worker != null) {
            // a local job in progress is stopped with it, and the attempt is repeated at the next start; a Databricks
            // run is left going, and the next start resumes polling it (its id is recorded)
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            Duration idle;
            try {
                idle = step();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("pipeline run worker step failed; trying again in {}", pollInterval, e);
                idle = pollInterval;
            }
            if (idle.isZero()) {
                continue;
            }
            try {
                if (wakeUps.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Does the next piece of work, if any is due; returns how long to wait before looking again. */
    Duration step() throws InterruptedException {
        Instant now = clock.instant();
        Optional<PipelineRun> inProgress = runs.findRunning();
        PipelineRun run;
        if (inProgress.isPresent()) {
            run = inProgress.get();
            if (run.nextAttemptAt() != null && run.nextAttemptAt().isAfter(now)) {
                Duration untilDue = Duration.between(now, run.nextAttemptAt());
                return untilDue.compareTo(pollInterval) < 0 ? untilDue : pollInterval;
            }
        } else {
            Optional<UUID> started = runs.startWaitingRun(now);
            if (started.isEmpty()) {
                return pollInterval;
            }
            run = runs.find(started.get()).orElseThrow();
        }
        attempt(run);
        return Duration.ZERO;
    }

    private void attempt(PipelineRun run) throws InterruptedException {
        if (interruptedWithJob(run)) {
            JobRequest resumed = request(run, run.attemptCount());
            Optional<JobOutcome> outcome;
            try {
                outcome = runner.resume(resumed, Objects.requireNonNull(run.jobRunId()));
            } catch (RuntimeException e) {
                outcome = Optional.of(JobOutcome.failure(
                        run.jobRunId(), runner.name() + " runner failed resuming job " + run.jobRunId() + ": " + e));
            }
            if (outcome.isPresent()) {
                finish(run, resumed, outcome.get());
                return;
            }
            LOG.info(
                    "pipeline run {}: attempt {} was interrupted and its job {} cannot be followed on {}; starting the next attempt",
                    run.id(),
                    run.attemptCount(),
                    run.jobRunId(),
                    runner.name());
        }
        int attempt;
        if (interruptedBeforeJobId(run) && runner.startsOnePerAttempt()) {
            // the controller stopped between asking for the job and recording its id: the same attempt again
            // (same idempotency token) returns the job that request may have started, instead of a second one
            attempt = run.attemptCount();
            LOG.info(
                    "pipeline run {}: attempt {} was interrupted before its job id was recorded; starting it again under the same number",
                    run.id(),
                    attempt);
        } else {
            attempt = runs.beginAttempt(run.id());
        }
        if (attempt > retry.maxAttempts()) {
            // only after a restart: the controller stopped during the last allowed attempt
            end(run, RunState.FAILED, "the controller stopped during the last of " + retry.maxAttempts() + " attempts");
            return;
        }
        JobRequest request = request(run, attempt);
        LOG.info(
                "pipeline run {} attempt {} of {} on {} over ingestion run(s) {}",
                run.id(),
                attempt,
                retry.maxAttempts(),
                runner.name(),
                request.ingestionRunIds());
        JobOutcome outcome;
        try {
            // recorded before the runner waits for the job: a controller that dies from here on resumes this job
            outcome = runner.run(request, jobRunId -> runs.recordJobRunId(run.id(), jobRunId));
        } catch (RuntimeException e) {
            // a runner's own fault counts as a failed attempt, with its backoff, not as a tight loop
            outcome = JobOutcome.failure(null, runner.name() + " runner failed: " + e);
        }
        finish(run, request, outcome);
    }

    /**
     * A RUNNING run whose latest attempt had started its job and had not ended (no retry is scheduled)
     * when this worker found it: the controller stopped or died during that attempt, or a step of this
     * worker failed after the job ended. Either way the job is followed, not started again.
     */
    private static boolean interruptedWithJob(PipelineRun run) {
        return run.attemptCount() > 0 && run.nextAttemptAt() == null && run.jobRunId() != null;
    }

    /** A RUNNING run whose latest attempt began and had not ended, with no job id recorded for it. */
    private static boolean interruptedBeforeJobId(PipelineRun run) {
        return run.attemptCount() > 0 && run.nextAttemptAt() == null && run.jobRunId() == null;
    }

    private static JobRequest request(PipelineRun run, int attempt) {
        return new JobRequest(
                run.id(),
                attempt,
                run.ingestionRunIds(),
                run.batches().stream().map(Batch::batchPrefix).toList());
    }

    /**
     * The data-quality checks, before the run is marked, so that a crash in between judges it again (which raises
     * nothing twice) instead of never. PostgreSQL away is an outage the caller waits out; any other failure of the
     * checks is logged and leaves the run to succeed: gold is good whether or not the feed could be judged.
     */
    private void judgeTheFeed(PipelineRun run, RunResult result) {
        try {
            quality.judge(run.id(), result, clock.instant());
        } catch (RuntimeException e) {
            if (DependencyFailures.unreachable(e)) {
                throw e;
            }
            metrics.dataQualityCheckFailed();
            LOG.error("pipeline run {}: the data-quality checks failed; the run succeeds without them", run.id(), e);
        }
    }

    /** Ends an attempt: publishes and marks a success, or schedules the next attempt, or fails the run. */
    private void finish(PipelineRun run, JobRequest request, JobOutcome outcome) throws InterruptedException {
        int attempt = request.attempt();
        String error = outcome.error();
        // S3, SQS or PostgreSQL away while finishing is an outage, not a failed job: wait for it, don't run the job
        // again
        Instant giveUpFinishing = clock.instant().plus(retry.finishWithin());
        Duration finishWait = Duration.ofSeconds(1);
        while (outcome.succeeded()) {
            try {
                RunResult result = results.read(run.id());
                judgeTheFeed(run, result);
                GoldRefreshed event = GoldRefreshed.of(
                        clock,
                        run.id().toString(),
                        request.ingestionRunIds(),
                        result.tableVersions(),
                        result.latestCompleteDate(),
                        result.rowCounts());
                publisher.publish(event);
                runs.markSucceeded(run.id(), result, event.eventId(), clock.instant());
                metrics.attemptEnded(runner.name(), true);
                metrics.goldRefreshed(result.newestCreatedAt());
                metrics.runEnded(runner.name(), RunState.SUCCEEDED.name(), sinceStart(run));
                LOG.info(
                        "pipeline run {} succeeded; GoldRefreshed {} published (latest complete date {})",
                        run.id(),
                        event.eventId(),
                        result.latestCompleteDate());
                return;
            } catch (RuntimeException e) {
                error = "the job succeeded but the run could not be finished: " + e.getMessage();
                if (!DependencyFailures.unreachable(e)
                        || !clock.instant().plus(finishWait).isBefore(giveUpFinishing)) {
                    break;
                }
                LOG.warn(
                        "pipeline run {}: the job succeeded but the run cannot be finished yet (a dependency is away); "
                                + "trying again in {} s, until {}: {}",
                        run.id(),
                        finishWait.toSeconds(),
                        giveUpFinishing,
                        DependencyFailures.describe(e));
                Thread.sleep(finishWait.toMillis());
                finishWait = finishWait.multipliedBy(2).compareTo(MAX_FINISH_WAIT) > 0
                        ? MAX_FINISH_WAIT
                        : finishWait.multipliedBy(2);
            }
        }
        metrics.attemptEnded(runner.name(), false);
        if (attempt < retry.maxAttempts()) {
            Duration backoff = retry.backoffAfter(attempt);
            runs.scheduleRetry(run.id(), error, clock.instant().plus(backoff));
            LOG.warn("pipeline run {} attempt {} failed; next attempt in {}: {}", run.id(), attempt, backoff, error);
        } else {
            end(run, RunState.FAILED, error);
        }
    }

    private void end(PipelineRun run, RunState state, @Nullable String error) {
        runs.markFailed(run.id(), error, clock.instant());
        metrics.runEnded(runner.name(), state.name(), sinceStart(run));
        LOG.error(
                "pipeline run {} FAILED after {} attempt(s); nothing published: {}",
                run.id(),
                retry.maxAttempts(),
                error);
    }

    private Duration sinceStart(PipelineRun run) {
        return run.startedAt() == null ? Duration.ZERO : Duration.between(run.startedAt(), clock.instant());
    }
}
