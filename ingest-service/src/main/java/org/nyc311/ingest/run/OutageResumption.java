package org.nyc311.ingest.run;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.service.health.DependencyFailures;
import org.nyc311.service.web.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Resumes, without anyone asking, the runs that failed because S3, PostgreSQL or the source could not be
 * reached, once their wait is over ({@code nyc311.ingest.resume.*}): an outage shorter than the retry budget
 * costs a delay, not a run someone has to notice and start again. The run is resumed through
 * {@link IngestionService}, exactly as if its window had been asked for again: same run id, after its last
 * landed page, claimed in the database so that two processes never both resume it. Not in one-shot mode,
 * whose process lives for its own run only.
 */
@Component
public class OutageResumption implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(OutageResumption.class);

    private final IngestionRunRepository runs;
    private final IngestionService ingestions;
    private final IngestProperties.Resume resume;
    private final boolean active;
    private final ScheduledExecutorService checker;

    public OutageResumption(IngestionRunRepository runs, IngestionService ingestions, IngestProperties properties) {
        this.runs = runs;
        this.ingestions = ingestions;
        this.resume = properties.resume();
        this.active = resume.enabled() && !properties.oneShot().enabled();
        this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingestion-outage-resumption");
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (!active) {
            return;
        }
        long every = resume.checkEvery().toMillis();
        checker.scheduleWithFixedDelay(this::resumeDue, every, every, TimeUnit.MILLISECONDS);
    }

    /** Resumes every run whose wait is over; returns how many were started again. */
    int resumeDue() {
        List<IngestionRun> due;
        try {
            due = runs.dueForRetry();
        } catch (RuntimeException e) {
            if (DependencyFailures.unreachable(e)) {
                // the database is still away: the runs wait with it
                return 0;
            }
            LOG.error("could not look for runs to resume", e);
            return 0;
        }
        int resumed = 0;
        for (IngestionRun failed : due) {
            IngestionRequest again = new IngestionRequest(
                    failed.window().kind(),
                    failed.window().from(),
                    failed.window().to(),
                    failed.source());
            try {
                IngestionRun run = ingestions.start(again);
                LOG.info(
                        "resuming run {} of {} after an outage (it failed with: {})",
                        run.runId(),
                        run.window(),
                        failed.failureReason());
                resumed++;
            } catch (RunConflictException taken) {
                LOG.info("run {} is not resumed here: {}", failed.runId(), taken.getMessage());
            } catch (IllegalArgumentException refused) {
                // the window is no longer accepted (the limits were changed): asking again would be refused again
                runs.stopRetrying(failed.runId());
                LOG.error(
                        "run {} is not resumed: its window is refused now ({}); ask for a window that is accepted",
                        failed.runId(),
                        refused.getMessage());
            } catch (ServiceUnavailableException e) {
                LOG.warn("run {} could not be resumed now: {}", failed.runId(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("run {} could not be resumed now: {}", failed.runId(), DependencyFailures.describe(e));
            }
        }
        return resumed;
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
