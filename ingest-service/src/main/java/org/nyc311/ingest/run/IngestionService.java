package org.nyc311.ingest.run;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.landing.BatchLayout;
import org.nyc311.ingest.source.FileSource;
import org.nyc311.ingest.source.RecordSource;
import org.nyc311.ingest.source.RecordSources;
import org.nyc311.ingest.watermark.WatermarkStore;
import org.nyc311.model.ingest.IngestionWindow;
import org.nyc311.service.web.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Starts runs. A request for a window whose last run failed, or whose process died (its lease
 * expired), resumes that run (same id, same part keys, after its last landed page); a request for a
 * window that is running (its lease holds) is refused; otherwise a new run starts. The database, not
 * this JVM, guarantees that one window never runs twice at once.
 */
@Service
public class IngestionService implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionService.class);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final JobLauncher jobLauncher;
    private final Job ingestionJob;
    private final IngestionRunRepository runs;
    private final WatermarkStore watermarks;
    private final RecordSources sources;
    private final IngestProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ThreadPoolTaskExecutor executor;
    private final WindowLimits limits;
    private final RunLeases leases;
    private final StaleRunRecovery recovery;

    public IngestionService(
            JobLauncher jobLauncher,
            Job ingestionJob,
            IngestionRunRepository runs,
            WatermarkStore watermarks,
            RecordSources sources,
            IngestProperties properties,
            Clock clock,
            ApplicationEventPublisher events,
            RunLeases leases,
            StaleRunRecovery recovery) {
        this.jobLauncher = jobLauncher;
        this.ingestionJob = ingestionJob;
        this.runs = runs;
        this.watermarks = watermarks;
        this.sources = sources;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        this.limits = new WindowLimits(properties.limits(), clock);
        this.leases = leases;
        this.recovery = recovery;
        this.executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("ingestion-");
        executor.setCorePoolSize(properties.runs().threads());
        executor.setMaxPoolSize(properties.runs().threads());
        executor.setQueueCapacity(properties.runs().queueCapacity());
        executor.initialize();
    }

    /** Starts (or resumes) a run in the background and returns it RUNNING; refusals are thrown here, at once. */
    public IngestionRun start(IngestionRequest request) {
        IngestionRun run = prepare(request);
        try {
            executor.execute(() -> execute(run));
        } catch (TaskRejectedException busy) {
            runs.markFailed(run.runId(), "not started: too many runs waiting; start it again later", leases.owner());
            throw new ServiceUnavailableException(
                    "Ingestion queue full",
                    "too many ingestion runs waiting; run " + run.runId() + " was not started: start it again later",
                    null,
                    Map.of("runId", run.runId()));
        }
        return run;
    }

    /** Starts (or resumes) a run and returns when it has ended, COMPLETED or FAILED. */
    public IngestionRun run(IngestionRequest request) {
        return execute(prepare(request));
    }

    public Optional<IngestionRun> find(String runId) {
        return runs.find(runId);
    }

    IngestionRun prepare(IngestionRequest request) {
        String source = request.source() == null || request.source().isBlank() ? RecordSources.API : request.source();
        RecordSource recordSource = sources.forSource(source);
        IngestionWindow window = window(request, source, recordSource);
        // a run whose process died (its lease expired) is failed now, so that asking for its window resumes it
        recovery.recover();
        Optional<IngestionRun> latest = runs.latestOf(window, source);
        try {
            if (latest.isPresent()
                    && latest.get().status() == RunStatus.FAILED
                    && runs.landedByOffset(latest.get().runId())) {
                LOG.warn(
                        "run {} of {} was landed by offset paging (before page keys) and is not resumed: a new run reads the "
                                + "window again; its {} part(s) already published stay (silver keeps one row per unique_key)",
                        latest.get().runId(),
                        window,
                        latest.get().partCount());
            } else if (latest.isPresent() && latest.get().status() == RunStatus.FAILED) {
                IngestionRun failed = latest.get();
                if (runs.markRunning(failed.runId(), leases.owner(), leases.length())) {
                    LOG.info(
                            "resuming run {} of {} after its {} landed part(s)",
                            failed.runId(),
                            window,
                            failed.partCount());
                    return runs.find(failed.runId()).orElseThrow();
                }
            }
            String runId = UUID.randomUUID().toString();
            LocalDate ingestionDate = LocalDate.now(clock.withZone(NEW_YORK));
            BatchLayout layout = new BatchLayout(ingestionDate, runId);
            int pageSize = RecordSources.API.equals(source)
                    ? properties.soda().pageSize()
                    : properties.file().pageSize();
            IngestionRun fresh = IngestionRun.begun(window, source, pageSize, layout, clock.instant());
            runs.insertRunning(fresh, leases.owner(), leases.length());
            LOG.info("starting run {} of {} from {}", runId, window, source);
            return runs.find(runId).orElseThrow();
        } catch (DuplicateKeyException running) {
            String other = runs.runningOf(window).map(IngestionRun::runId).orElse("(finished meanwhile)");
            throw new RunConflictException(
                    "run " + other + " is already ingesting " + describe(window)
                            + "; two runs of one window never run at once",
                    other);
        }
    }

    private IngestionWindow window(IngestionRequest request, String source, RecordSource recordSource) {
        boolean file = !RecordSources.API.equals(source);
        if ((request.from() == null) != (request.to() == null)) {
            throw new IllegalArgumentException("give both 'from' and 'to', or neither");
        }
        if (file && request.kind() == IngestionWindow.Kind.INCREMENTAL) {
            throw new IllegalArgumentException(
                    "a file source is a backfill: the incremental window follows the API's :updated_at");
        }
        if (request.from() != null) {
            IngestionWindow.Kind kind = request.kind() == null ? IngestionWindow.Kind.BACKFILL : request.kind();
            if (request.to().isBefore(request.from())) {
                throw new IllegalArgumentException(
                        "the window ends before it starts: from " + request.from() + " is after to " + request.to());
            }
            IngestionWindow window = new IngestionWindow(kind, request.from(), request.to());
            if (!file) {
                limits.check(window);
            }
            return window;
        }
        if (file) {
            return ((FileSource) recordSource).coveredWindow();
        }
        if (request.kind() == IngestionWindow.Kind.BACKFILL) {
            throw new IllegalArgumentException(
                    "a backfill needs a window: give 'from' and 'to' (created_date, New York local time)");
        }
        return incrementalWindow();
    }

    /**
     * A failed incremental run is finished before a new window opens; otherwise from the watermark minus
     * the overlap to now (UTC). A failed run whose window ends in the future (accepted before windows were
     * checked) is left failed: finishing it would move the watermark into the future.
     */
    private IngestionWindow incrementalWindow() {
        Optional<IngestionRun> latest = runs.latestIncremental();
        if (latest.isPresent() && latest.get().status() == RunStatus.FAILED) {
            if (!limits.endsInTheFuture(latest.get().window())) {
                return latest.get().window();
            }
            LOG.warn(
                    "failed incremental run {} is not resumed: its window {} ends in the future; a new window opens",
                    latest.get().runId(),
                    latest.get().window());
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS);
        LocalDateTime from = watermarks
                .startingPoint()
                .map(mark -> mark.minus(properties.incremental().overlap()))
                .orElse(now.minus(properties.incremental().firstLookback()));
        return new IngestionWindow(IngestionWindow.Kind.INCREMENTAL, from, now);
    }

    private IngestionRun execute(IngestionRun run) {
        JobParameters parameters = new JobParametersBuilder()
                .addString(IngestionJobConfiguration.RUN_ID, run.runId())
                .toJobParameters();
        events.publishEvent(new RunStarted(run));
        try {
            jobLauncher.run(ingestionJob, parameters);
        } catch (Exception e) {
            LOG.error("run {} could not be launched", run.runId(), e);
            runs.markFailed(run.runId(), "could not launch the job: " + e.getMessage(), leases.owner());
        }
        return runs.find(run.runId()).orElseThrow();
    }

    private static String describe(IngestionWindow window) {
        return window.kind().name().toLowerCase() + " window " + window.from() + " .. " + window.to();
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
