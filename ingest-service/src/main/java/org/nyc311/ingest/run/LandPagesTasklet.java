package org.nyc311.ingest.run;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nyc311.ingest.landing.LandedPart;
import org.nyc311.ingest.landing.RawBatchStore;
import org.nyc311.ingest.landing.StagedPart;
import org.nyc311.ingest.metrics.IngestionMetrics;
import org.nyc311.ingest.source.Page;
import org.nyc311.ingest.source.PageReader;
import org.nyc311.ingest.source.RecordSource;
import org.nyc311.ingest.source.RecordSources;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Lands one page per call, each call its own transaction: the page is staged in S3 under a key of its
 * own, and its row (the staged key, the key of its last record) goes to {@code ingestion_part} with the
 * page count in the step's ExecutionContext, committed together. A run killed part-way resumes after the
 * key of its last committed part; a page staged but not committed is fetched again and staged under a
 * new key, and only the committed one is ever published, so nothing is lost or doubled.
 */
class LandPagesTasklet implements Tasklet, StepExecutionListener {

    static final String PAGES_LANDED = "pagesLanded";

    private final String runId;
    private final IngestionRunRepository runs;
    private final RecordSources sources;
    private final RawBatchStore store;
    private final IngestionMetrics metrics;
    private final ApplicationEventPublisher events;
    private final RunLeases leases;
    // set by the first execute() of the step, cleared by afterStep()
    private @Nullable IngestionRun run;
    private @Nullable RecordSource source;
    private @Nullable PageReader reader;
    private long recordsSoFar;

    LandPagesTasklet(
            String runId,
            IngestionRunRepository runs,
            RecordSources sources,
            RawBatchStore store,
            IngestionMetrics metrics,
            ApplicationEventPublisher events,
            RunLeases leases) {
        this.runId = runId;
        this.runs = runs;
        this.sources = sources;
        this.store = store;
        this.metrics = metrics;
        this.events = events;
        this.leases = leases;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        IngestionRun run = this.run;
        RecordSource source = this.source;
        PageReader reader = this.reader;
        // the three are set together; afterStep() clears the reader
        if (reader == null || run == null || source == null) {
            run = runs.find(runId).orElseThrow(() -> new IllegalStateException("no ingestion run " + runId));
            this.run = run;
            IngestionRunRepository.ResumePoint resume = runs.resumePoint(runId);
            if (resume.nextPart() > 0 && resume.after() == null && RecordSources.API.equals(run.source())) {
                // IngestionService never resumes such a run (landed by offset paging, before page keys)
                throw new IllegalStateException("run " + runId + " has parts without page keys; it cannot be resumed");
            }
            recordsSoFar = runs.parts(runId).stream()
                    .mapToLong(LandedPart::recordCount)
                    .sum();
            source = sources.forSource(run.source());
            this.source = source;
            reader = source.open(run.window(), run.pageSize(), resume.nextPart(), resume.after());
            this.reader = reader;
        }
        Optional<Page> page = reader.next();
        if (page.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        StagedPart staged =
                store.stagePart(run.layout(), page.get().number(), page.get().records());
        LandedPart part = staged.part();
        // in this page's transaction: a process that lost the run (lease expired, taken over) writes no part row
        leases.confirm(runId);
        runs.savePart(runId, staged, page.get().last());
        recordsSoFar += part.recordCount();
        contribution.incrementWriteCount(part.recordCount());
        // last, so that a failure above leaves the context as it was committed
        chunkContext
                .getStepContext()
                .getStepExecution()
                .getExecutionContext()
                .putInt(PAGES_LANDED, part.partNumber() + 1);
        metrics.pageLanded(source.kind(), part.recordCount());
        events.publishEvent(new PageLanded(runId, part, staged.stagedKey(), recordsSoFar));
        return RepeatStatus.CONTINUABLE;
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (reader != null) {
            reader.close();
            reader = null;
        }
        return stepExecution.getExitStatus();
    }
}
