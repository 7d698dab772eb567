package org.nyc311.ingest.run;

import java.time.LocalDateTime;
import java.util.List;
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
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Runs whose lease has expired belong to a process that was killed (or lost the database for a whole
 * lease): they are marked FAILED, Spring Batch's executions and our runs alike, so that starting the
 * same window again resumes them. Runs whose lease holds are left alone, whichever process holds them:
 * several ingest processes share one database (the service and the daily one-shot task). Done at
 * start-up and before each run is prepared, so a window asked for again is taken over as soon as its
 * run's lease has expired.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StaleRunRecovery implements ApplicationRunner {

    static final String INTERRUPTED = "interrupted: the process running it stopped (its lease expired); start the same "
            + "window again to resume after its last landed page";
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

    /** Fails the runs (and their job executions) whose lease has expired; returns how many runs. */
    public synchronized int recover() {
        List<String> failed = runs.failExpired(INTERRUPTED);
        for (JobExecution execution : jobExplorer.findRunningJobExecutions(IngestionJobConfiguration.JOB_NAME)) {
            String runId = execution.getJobParameters().getString(IngestionJobConfiguration.RUN_ID);
            if (!runs.leaseExpired(runId)) {
                continue;
            }
            try {
                failExecution(execution);
                LOG.warn(
                        "job execution {} of run {} was left running by a process whose lease expired; marked failed",
                        execution.getId(),
                        runId);
            } catch (OptimisticLockingFailureException raced) {
                // another process recovered it at the same moment
                LOG.info("job execution {} of run {} was recovered by another process", execution.getId(), runId);
            }
        }
        if (!failed.isEmpty()) {
            LOG.warn(
                    "run(s) {} lost their process (lease expired); starting the same window again resumes them",
                    failed);
        }
        return failed.size();
    }

    private void failExecution(JobExecution execution) {
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
    }
}
