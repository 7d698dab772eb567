package org.nyc311.ingest.run;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.events.BatchAnnouncer;
import org.nyc311.ingest.landing.RawBatchStore;
import org.nyc311.ingest.metrics.IngestionMetrics;
import org.nyc311.ingest.source.RecordSources;
import org.nyc311.ingest.source.SourceFailedException;
import org.nyc311.ingest.watermark.WatermarkStore;
import org.nyc311.service.health.DependencyFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ingestion job: {@code land-pages} (one part per page, resumable) then {@code publish-batch}
 * (manifest, event, watermark). One job instance per run id, so starting a failed run again is a
 * Spring Batch restart: completed steps are skipped and landing goes on after the last part.
 */
@Configuration(proxyBeanMethods = false)
public class IngestionJobConfiguration {

    public static final String JOB_NAME = "ingestion";
    public static final String RUN_ID = "runId";

    @Bean
    Job ingestionJob(
            JobRepository jobRepository,
            Step landPages,
            Step publishBatch,
            IngestionRunRepository runs,
            IngestionMetrics metrics,
            RunLeases leases,
            IngestProperties properties) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(landPages)
                .next(publishBatch)
                .listener(new RunOutcome(runs, metrics, leases, properties.resume()))
                .build();
    }

    @Bean
    Step landPages(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            LandPagesTasklet landPagesTasklet) {
        return new StepBuilder("land-pages", jobRepository)
                .tasklet(landPagesTasklet, transactionManager)
                .listener(landPagesTasklet)
                .build();
    }

    @Bean
    Step publishBatch(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            PublishBatchTasklet publishBatchTasklet) {
        return new StepBuilder("publish-batch", jobRepository)
                .tasklet(publishBatchTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    LandPagesTasklet landPagesTasklet(
            @Value("#{jobParameters['runId']}") String runId,
            IngestionRunRepository runs,
            RecordSources sources,
            RawBatchStore store,
            IngestionMetrics metrics,
            ApplicationEventPublisher events,
            RunLeases leases) {
        return new LandPagesTasklet(runId, runs, sources, store, metrics, events, leases);
    }

    @Bean
    @StepScope
    PublishBatchTasklet publishBatchTasklet(
            @Value("#{jobParameters['runId']}") String runId,
            IngestionRunRepository runs,
            RawBatchStore store,
            BatchAnnouncer announcer,
            WatermarkStore watermarks,
            Clock clock,
            RunLeases leases) {
        return new PublishBatchTasklet(runId, runs, store, announcer, watermarks, clock, leases);
    }

    /**
     * Marks the run failed with a reason a person can act on, and times every run. A run failed by an outage
     * (S3, PostgreSQL or the source unreachable) is marked to be resumed by the service ({@link OutageResumption}).
     */
    static final class RunOutcome implements JobExecutionListener {

        private static final Logger LOG = LoggerFactory.getLogger(RunOutcome.class);

        private final IngestionRunRepository runs;
        private final IngestionMetrics metrics;
        private final RunLeases leases;
        private final IngestProperties.Resume resume;

        RunOutcome(
                IngestionRunRepository runs,
                IngestionMetrics metrics,
                RunLeases leases,
                IngestProperties.Resume resume) {
            this.runs = runs;
            this.metrics = metrics;
            this.leases = leases;
            this.resume = resume;
        }

        @Override
        public void afterJob(JobExecution execution) {
            String runId = execution.getJobParameters().getString(RUN_ID);
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                List<Throwable> failures = execution.getAllFailureExceptions();
                String reason = FailureReasons.of(failures);
                if (resume.enabled() && failures.stream().anyMatch(RunOutcome::outage)) {
                    runs.markFailedByOutage(runId, reason, leases.owner(), resume)
                            .ifPresentOrElse(
                                    at -> LOG.warn(
                                            "run {} failed because a dependency could not be reached; resuming it at {}",
                                            runId,
                                            at),
                                    () -> LOG.error(
                                            "run {} failed because a dependency could not be reached, {} time(s) in a row: "
                                                    + "no longer resumed by itself; ask for its window again",
                                            runId,
                                            resume.attempts()));
                } else {
                    runs.markFailed(runId, reason, leases.owner());
                }
            }
            String kind =
                    runs.find(runId).map(run -> run.window().kind().name()).orElse("UNKNOWN");
            Duration duration = execution.getStartTime() == null || execution.getEndTime() == null
                    ? Duration.ZERO
                    : Duration.between(execution.getStartTime(), execution.getEndTime());
            metrics.runEnded(kind, execution.getStatus() == BatchStatus.COMPLETED ? "completed" : "failed", duration);
        }

        /**
         * An outage, worth resuming after a wait: the source still failing after its retries (unreachable, 5xx,
         * throttled), or S3 or PostgreSQL unreachable. Not an outage: the source or file answered with
         * something that cannot land (malformed JSON is an IOException too, so the source's verdict comes first).
         */
        static boolean outage(Throwable failure) {
            for (Throwable cause = failure;
                    cause != null;
                    cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof SourceFailedException source) {
                    return source.stillUnavailable();
                }
            }
            return DependencyFailures.unreachable(failure);
        }
    }
}
