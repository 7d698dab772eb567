package org.nyc311.forecastservice.training;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Runs trainings one at a time, off the SQS listener's thread: a message is acknowledged once its
 * run is recorded, so a training longer than the visibility timeout is not delivered again.
 *
 * <p>Several instances may share the database; each run is worked on under a lease
 * ({@link RunLeases}), so submitting a run another instance holds does nothing. On start, and every
 * {@code nyc311.mlflow.retry-interval} ({@code MlflowProperties.retryInterval()}, scheduled by
 * {@code ServiceConfiguration}), the worker takes what it may claim: queued runs (new, or put
 * back while gold was away), runs whose instance died mid-fit (their lease expired), and succeeded
 * runs whose tracking or announcement is still due.
 */
public class TrainingQueue implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingQueue.class);

    private final TrainingService training;
    private final ForecastRunRepository runs;
    private final java.util.concurrent.atomic.AtomicBoolean sweepQueued =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "forecast-run");
        thread.setDaemon(true);
        return thread;
    });

    public TrainingQueue(TrainingService training, ForecastRunRepository runs) {
        this.training = training;
        this.runs = runs;
    }

    public void submit(UUID runId) {
        executor.submit(() -> {
            try {
                training.run(runId);
            } catch (RuntimeException e) {
                LOG.error("forecast run {} could not be run", runId, e);
            }
        });
    }

    /** Runs queued, or left by an instance that died (once their lease has expired): this instance takes what it can claim. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeUnfinished() {
        runs.claimable().forEach(this::submit);
    }

    /**
     * Claimable runs (queued, put back while gold was away, or left behind by a dead instance whose lease
     * expired), pending MLflow tracking and unsent ForecastsPublished, on the same thread as the runs.
     */
    public void sweep() {
        // one sweep waiting at most: while a long training runs, the schedule must not pile sweeps up behind it
        if (!sweepQueued.compareAndSet(false, true)) {
            return;
        }
        executor.submit(() -> {
            sweepQueued.set(false);
            try {
                for (UUID runId : runs.claimable()) {
                    training.run(runId);
                }
                for (UUID runId : runs.followUpDue()) {
                    training.followUp(runId);
                }
            } catch (RuntimeException e) {
                LOG.warn("retrying pending tracking and events failed: {}", e.toString());
            }
        });
    }

    /**
     * A graceful stop: the training thread is interrupted; the run in hand is then given up at once by
     * {@link RunLeases#close()} (destroyed after this bean), for another instance or the next start.
     */
    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
