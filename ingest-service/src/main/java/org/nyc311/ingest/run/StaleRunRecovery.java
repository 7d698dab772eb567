package org.nyc311.ingest.run;

import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, runs still marked running belong to a process that was killed: they are marked
 * FAILED (Spring Batch's executions and our runs alike), so that starting the same window again
 * resumes them. This assumes one ingest-service instance per database, as deployed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StaleRunRecovery implements ApplicationRunner {

    static final String INTERRUPTED = "interrupted: the service stopped during this run; start the same window again "
            + "to resume after its last landed page";
    private static final Logger LOG = LoggerFactory.getLogger(StaleRunRecovery.class);

    private final JobExplorer jobExplorer;
    private final JobRepository jobRepository;
    private final IngestionRunRepository runs;

    public StaleRunRecovery(JobExplorer jobExplorer, JobRepository jobRepository, IngestionRunRepository runs) {
        this.jobExplorer = jobExplorer;
        this.jobRepository = jobRepository;
        this.runs = runs;
    }

    @Override
    public void run(ApplicationArguments args) {
        recover();
    }

    public int recover() {
        for (JobExecution execution : jobExplorer.findRunningJobExecutions(IngestionJobConfiguration.JOB_NAME)) {
            LocalDateTime now = LocalDateTime.now();
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStatus().isRunning()) {
                    step.setStatus(BatchStatus.FAILED);
                    step.setExitStatus(ExitStatus.FAILED.addExitDescription(INTERRUPTED));
                    step.setEndTime(now);
                    jobRepository.update(step);
                }
            }
            execution.setStatus(BatchStatus.FAILED);
            execution.setExitStatus(ExitStatus.FAILED.addExitDescription(INTERRUPTED));
            execution.setEndTime(now);
            jobRepository.update(execution);
            LOG.warn("job execution {} of run {} was left running by a stopped process; marked failed",
                    execution.getId(), execution.getJobParameters().getString(IngestionJobConfiguration.RUN_ID));
        }
        int failed = runs.failAllRunning(INTERRUPTED);
        if (failed > 0) {
            LOG.warn("{} ingestion run(s) were interrupted by a stop; starting the same window again resumes them", failed);
        }
        return failed;
    }
}
