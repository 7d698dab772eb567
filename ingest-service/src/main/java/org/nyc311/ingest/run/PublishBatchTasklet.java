package org.nyc311.ingest.run;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.nyc311.ingest.events.BatchAnnouncer;
import org.nyc311.ingest.landing.LandedPart;
import org.nyc311.ingest.landing.Manifest;
import org.nyc311.ingest.landing.RawBatchStore;
import org.nyc311.ingest.landing.StagedPart;
import org.nyc311.ingest.source.RecordSources;
import org.nyc311.ingest.watermark.WatermarkStore;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.model.ingest.IngestionWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * Completes a run once every page has landed: each committed staged part is copied to its final key
 * (server-side, in part order), then the manifest (last object of the batch), then the RawBatchLanded
 * event, then, in this step's transaction, the watermark and the run's status; the staging objects go
 * last. Repeated after a crash, it leaves the parts already published as they are (same bytes), writes
 * the same manifest and sends an event with the same id.
 */
class PublishBatchTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(PublishBatchTasklet.class);

    private final String runId;
    private final IngestionRunRepository runs;
    private final RawBatchStore store;
    private final BatchAnnouncer announcer;
    private final WatermarkStore watermarks;
    private final Clock clock;
    private final RunLeases leases;

    PublishBatchTasklet(
            String runId,
            IngestionRunRepository runs,
            RawBatchStore store,
            BatchAnnouncer announcer,
            WatermarkStore watermarks,
            Clock clock,
            RunLeases leases) {
        this.runId = runId;
        this.runs = runs;
        this.store = store;
        this.announcer = announcer;
        this.watermarks = watermarks;
        this.clock = clock;
        this.leases = leases;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        IngestionRun run = runs.find(runId).orElseThrow(() -> new IllegalStateException("no ingestion run " + runId));
        leases.confirm(runId);
        List<StagedPart> staged = runs.stagedParts(runId);
        List<LandedPart> parts = staged.stream().map(StagedPart::part).toList();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).partNumber() != i) {
                throw new IllegalStateException(
                        "run " + runId + " has a gap in its parts at " + i + "; not publishing it");
            }
        }
        int copied = 0;
        for (StagedPart part : staged) {
            copied += store.publishPart(part) ? 1 : 0;
        }
        LOG.info("run {}: {} of {} part(s) published to {}", runId, copied, parts.size(), run.batchPrefix());
        long records = parts.stream().mapToLong(LandedPart::recordCount).sum();
        // only the API's incremental feed has a watermark; backfills and files leave it where it is
        LocalDateTime watermark =
                run.window().kind() == IngestionWindow.Kind.INCREMENTAL && RecordSources.API.equals(run.source())
                        ? run.window().to()
                        : null;
        Manifest manifest = new Manifest(
                Manifest.VERSION,
                runId,
                store.bucket(),
                run.batchPrefix(),
                run.window(),
                watermark,
                run.ingestionDate(),
                run.source(),
                records,
                parts.size(),
                parts,
                clock.instant());
        String manifestKey = store.writeManifest(run.layout(), manifest);
        announcer.announce(RawBatchLanded.of(
                clock,
                runId,
                store.bucket(),
                run.batchPrefix(),
                manifestKey,
                run.window(),
                run.ingestionDate(),
                records,
                parts.size()));
        if (watermark != null) {
            watermarks.advance(watermark, runId);
        }
        if (!runs.markCompleted(runId, watermark, leases.owner())) {
            // rolls the watermark back with this transaction: the process that took the run over completes it
            throw new RunLeases.LeaseLostException(
                    "run " + runId + " was taken over by another process before it completed here");
        }
        try {
            store.deleteStaging(run.layout());
        } catch (RuntimeException e) {
            // harmless leftovers outside bronze's root; the batch itself is complete
            LOG.warn(
                    "run {}: could not remove its staging objects under {}: {}",
                    runId,
                    run.layout().stagingPrefix(),
                    e.getMessage());
        }
        return RepeatStatus.FINISHED;
    }
}
