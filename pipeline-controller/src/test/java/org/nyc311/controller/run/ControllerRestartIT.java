package org.nyc311.controller.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nyc311.api.pipeline.PipelineRunView.BatchView.Reason;
import org.nyc311.controller.ControllerIntegrationTest;
import org.nyc311.controller.TestQueues;
import org.nyc311.controller.job.JobOutcome;
import org.nyc311.controller.job.JobRequest;
import org.nyc311.controller.job.JobRunner;
import org.nyc311.model.event.RawBatchLanded;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the worker finds after the controller died during an attempt whose job outlives it (a Databricks
 * run): the RUNNING run as the dead controller left it in the database, written here directly. The job is
 * followed, not started a second time. (fault-tests' ControllerKilledDuringDatabricksRunIT does the same
 * with the jar, kill -9 and the Databricks stub.)
 */
@TestPropertySource(properties = "nyc311.controller.runner=local")
class ControllerRestartIT extends ControllerIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestConfiguration
    static class Following {
        @Bean
        @Primary
        FollowingJobRunner followingJobRunner(S3Client s3) {
            return new FollowingJobRunner(s3);
        }
    }

    @Autowired
    private FollowingJobRunner job;

    @Autowired
    private PipelineRunRepository runs;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TransactionTemplate transaction;

    @Test
    void anAttemptWhoseJobIdWasRecordedIsFollowedAfterTheRestartNotStartedAgain() {
        UUID runId = leftByADeadController("resume-1", "dbx-77");

        PipelineRun run = await().atMost(PATIENCE)
                .until(() -> runs.find(runId).orElseThrow(), r -> r.state() == RunState.SUCCEEDED);

        assertThat(job.resumed).containsExactly(runId + " attempt 1 job dbx-77");
        assertThat(job.started).as("no second job").isEmpty();
        assertThat(run.attemptCount()).isEqualTo(1);
        assertThat(run.jobRunId()).isEqualTo("dbx-77");
        assertThat(new TestQueues(sqs).goldRefreshedFor(runId.toString())).hasSize(1);
    }

    @Test
    void anAttemptInterruptedBeforeItsJobIdWasRecordedIsStartedAgainUnderTheSameNumber() {
        UUID runId = leftByADeadController("reissue-1", null);

        PipelineRun run = await().atMost(PATIENCE)
                .until(() -> runs.find(runId).orElseThrow(), r -> r.state() == RunState.SUCCEEDED);

        // the same attempt number is the same run-now idempotency token: Databricks returns the run it may have started
        assertThat(job.started)
                .filteredOn(r -> r.pipelineRunId().equals(runId))
                .extracting(JobRequest::attempt)
                .containsExactly(1);
        assertThat(run.attemptCount()).isEqualTo(1);
        assertThat(job.resumed).noneMatch(line -> line.startsWith(runId.toString()));
    }

    /** A RUNNING run in attempt 1, with no retry scheduled, as a controller killed during that attempt leaves it. */
    private UUID leftByADeadController(String ingestionRunId, String jobRunId) {
        RawBatchLanded event = TestQueues.rawBatchLanded(ingestionRunId);
        UUID runId = UUID.randomUUID();
        Instant startedAt = Instant.now().minusSeconds(60);
        transaction.executeWithoutResult(status -> {
            runs.insertBatch(Batch.landed(event, startedAt));
            jdbc.sql("""
                    INSERT INTO pipeline_run (id, state, created_at, started_at, attempt_count, job_run_id)
                    VALUES (:id, 'RUNNING', :at, :at, 1, :job)""")
                    .param("id", runId)
                    .param("at", Timestamp.from(startedAt))
                    .param("job", jobRunId)
                    .update();
            runs.addBatch(runId, event.eventId(), Reason.LANDED);
        });
        return runId;
    }

    /** A job that outlives the controller: resumable by its id, and started once per attempt. */
    static final class FollowingJobRunner implements JobRunner {

        final List<JobRequest> started = new CopyOnWriteArrayList<>();
        final List<String> resumed = new CopyOnWriteArrayList<>();
        private final S3Client s3;

        FollowingJobRunner(S3Client s3) {
            this.s3 = s3;
        }

        @Override
        public String name() {
            return "following";
        }

        @Override
        public JobOutcome run(JobRequest request, Consumer<String> startedJob) {
            started.add(request);
            String jobRunId = "dbx-" + request.pipelineRunId() + "-" + request.attempt();
            startedJob.accept(jobRunId);
            return finished(request, jobRunId);
        }

        @Override
        public Optional<JobOutcome> resume(JobRequest request, String jobRunId) {
            resumed.add(request.pipelineRunId() + " attempt " + request.attempt() + " job " + jobRunId);
            return Optional.of(finished(request, jobRunId));
        }

        @Override
        public boolean startsOnePerAttempt() {
            return true;
        }

        private JobOutcome finished(JobRequest request, String jobRunId) {
            s3.putObject(
                    r -> r.bucket(BUCKET).key(RunResultReader.key(request.pipelineRunId())),
                    RequestBody.fromString(ScriptedJobRunner.result(request)));
            return JobOutcome.success(jobRunId);
        }
    }
}
