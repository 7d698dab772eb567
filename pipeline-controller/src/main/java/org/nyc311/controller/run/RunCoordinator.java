package org.nyc311.controller.run;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.nyc311.api.pipeline.PipelineRunView.BatchView.Reason;
import org.nyc311.controller.metrics.PipelineMetrics;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.service.web.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides which run a batch belongs to. A batch joins the one run that waits to start (RECEIVED),
 * created when there is none: batches that land while a run is going are thus coalesced into the
 * next run. A redelivered event (same event id) is recorded once and joins nothing.
 */
@Service
public class RunCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(RunCoordinator.class);

    private final PipelineRunRepository runs;
    private final TransactionTemplate transaction;
    private final PipelineRunExecutor worker;
    private final PipelineMetrics metrics;
    private final Clock clock;

    public RunCoordinator(
            PipelineRunRepository runs,
            TransactionTemplate transaction,
            PipelineRunExecutor worker,
            PipelineMetrics metrics,
            Clock clock) {
        this.runs = runs;
        this.transaction = transaction;
        this.worker = worker;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Records a landed batch; returns the run it joined, or empty for a redelivered event. */
    public Optional<UUID> landed(RawBatchLanded event) {
        Instant now = clock.instant();
        UUID runId = transaction.execute(status -> {
            if (!runs.insertBatch(Batch.landed(event, now))) {
                return null;
            }
            UUID waiting = runs.lockWaitingRun(now);
            runs.addBatch(waiting, event.eventId(), Reason.LANDED);
            return waiting;
        });
        metrics.batchReceived(runId == null);
        if (runId == null) {
            LOG.info(
                    "RawBatchLanded {} (ingestion run {}) was delivered again; already recorded",
                    event.eventId(),
                    event.ingestionRunId());
            return Optional.empty();
        }
        LOG.info(
                "batch {} of ingestion run {} joins pipeline run {}",
                event.batchPrefix(),
                event.ingestionRunId(),
                runId);
        worker.wake();
        return Optional.of(runId);
    }

    /**
     * Runs the batches of these ingestion runs again, in the next run (the waiting one, if any).
     *
     * @throws UnknownBatchException when an ingestion run has no recorded batch
     */
    public PipelineRun rerun(Collection<String> ingestionRunIds) {
        Set<String> wanted = new LinkedHashSet<>(ingestionRunIds);
        List<Batch> batches = runs.batchesOfIngestionRuns(wanted);
        Set<String> missing = new LinkedHashSet<>(wanted);
        batches.forEach(batch -> missing.remove(batch.ingestionRunId()));
        if (!missing.isEmpty()) {
            throw new UnknownBatchException("no batch was recorded for ingestion run(s) " + String.join(", ", missing));
        }
        UUID runId = transaction.execute(status -> {
            UUID waiting = runs.lockWaitingRun(clock.instant());
            batches.forEach(batch -> runs.addBatch(waiting, batch.eventId(), Reason.RERUN));
            return waiting;
        });
        LOG.info("ingestion run(s) {} will run again in pipeline run {}", wanted, runId);
        worker.wake();
        return runs.find(runId).orElseThrow();
    }

    /** A rerun names an ingestion run whose batch was never recorded: the client's 400. */
    public static final class UnknownBatchException extends BadRequestException {
        public UnknownBatchException(String message) {
            super("Unknown batch", message);
        }
    }
}
