package org.nyc311.ingest.run;

import java.time.Clock;
import java.time.Duration;
import org.nyc311.ingest.events.BatchAnnouncer;
import org.nyc311.ingest.landing.RawBatchStore;
import org.nyc311.ingest.metrics.IngestionMetrics;
import org.nyc311.ingest.source.RecordSources;
import org.nyc311.ingest.watermark.WatermarkStore;
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
    Job ingestionJob(JobRepository jobRepository, Step landPages, Step publishBatch, IngestionRunRepository runs,
            IngestionMetrics metrics, RunLeases leases) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(landPages)
                .next(publishBatch)
                .listener(new RunOutcome(runs, metrics, leases))
                .build();
    }

    @Bean
    Step landPages(JobRepository jobRepository, PlatformTransactionManager transactionManager, LandPagesTasklet landPagesTasklet) {
        return new StepBuilder("land-pages", jobRepository)
                .tasklet(landPagesTasklet, transactionManager)
                .listener(landPagesTasklet)
                .build();
    }

    @Bean
    Step publishBatch(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            PublishBatchTasklet publishBatchTasklet) {
        return new StepBuilder("publish-batch", jobRepository)
                .tasklet(publishBatchTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    LandPagesTasklet landPagesTasklet(@Value("#{jobParameters['runId']}") String runId, IngestionRunRepository runs,
            RecordSources sources, RawBatchStore store, IngestionMetrics metrics, ApplicationEventPublisher events,
            RunLeases leases) {
        return new LandPagesTasklet(runId, runs, sources, store, metrics, events, leases);
    }

    @Bean
    @StepScope
    PublishBatchTasklet publishBatchTasklet(@Value("#{jobParameters['runId']}") String runId, IngestionRunRepository runs,
            RawBatchStore store, BatchAnnouncer announcer, WatermarkStore watermarks, Clock clock, RunLeases leases) {
        return new PublishBatchTasklet(runId, runs, store, announcer, watermarks, clock, leases);
    }

    /** Marks the run failed with a reason a person can act on, and times every run. */
    static final class RunOutcome implements JobExecutionListener {

        private final IngestionRunRepository runs;
        private final IngestionMetrics metrics;
        private final RunLeases leases;

        RunOutcome(IngestionRunRepository runs, IngestionMetrics metrics, RunLeases leases) {
            this.runs = runs;
            this.metrics = metrics;
            this.leases = leases;
        }

        @Override
        public void afterJob(JobExecution execution) {
            String runId = execution.getJobParameters().getString(RUN_ID);
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                runs.markFailed(runId, FailureReasons.of(execution.getAllFailureExceptions()), leases.owner());
            }
            String kind = runs.find(runId).map(run -> run.window().kind().name()).orElse("UNKNOWN");
            Duration duration = execution.getStartTime() == null || execution.getEndTime() == null
                    ? Duration.ZERO : Duration.between(execution.getStartTime(), execution.getEndTime());
            metrics.runEnded(kind, execution.getStatus() == BatchStatus.COMPLETED ? "completed" : "failed", duration);
        }
    }
}
