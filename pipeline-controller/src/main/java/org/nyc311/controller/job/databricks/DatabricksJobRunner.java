package org.nyc311.controller.job.databricks;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.service.jobs.JobsAPI;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.controller.job.JobOutcome;
import org.nyc311.controller.job.JobRequest;
import org.nyc311.controller.job.JobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the delta-jobs job deployed on Databricks: {@code jobs/run-now} with the batch as job parameters,
 * then {@code jobs/runs/get} with a growing wait until the run reaches a terminal state, and
 * {@code jobs/runs/cancel} when it has not within the timeout.
 *
 * <p>A Databricks run outlives the controller: when the controller stops (a deploy's SIGTERM) the run
 * is left going, not cancelled, and after a restart (or a crash) {@link #resume} polls the same run id
 * again; no second {@code run-now} is issued for it.
 *
 * <p>The SDK itself retries 429 and 503 answers a few times with backoff; what still fails after that
 * fails the attempt, and the controller's own retry takes over.
 */
public final class DatabricksJobRunner implements JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DatabricksJobRunner.class);
    private static final Set<RunLifeCycleState> TERMINAL =
            Set.of(RunLifeCycleState.TERMINATED, RunLifeCycleState.SKIPPED, RunLifeCycleState.INTERNAL_ERROR);
    /** runs/get failures in a row (each already retried by the SDK) before the attempt is given up. */
    private static final int MAX_POLL_ERRORS = 3;

    private final JobsAPI jobs;
    private final long jobId;
    private final Duration pollInitial;
    private final Duration pollMax;
    private final Duration timeout;
    private final @Nullable String lakeRoot;

    public DatabricksJobRunner(
            JobsAPI jobs,
            long jobId,
            Duration pollInitial,
            Duration pollMax,
            Duration timeout,
            @Nullable String lakeRoot) {
        this.jobs = jobs;
        this.lakeRoot = lakeRoot;
        this.jobId = jobId;
        this.pollInitial = pollInitial;
        this.pollMax = pollMax;
        this.timeout = timeout;
    }

    /**
     * A runner on the workspace the settings name, signed in as the controller's service principal (OAuth M2M) or
     * with a personal access token; refuses settings with neither or both.
     */
    public static DatabricksJobRunner connect(ControllerProperties.Databricks settings) {
        Long jobId = settings.jobId();
        if (jobId == null) {
            throw new IllegalStateException("set nyc311.controller.databricks.job-id to the delta-jobs job's id");
        }
        DatabricksConfig config = settings.credentials().config("nyc311.controller.databricks");
        LOG.info(
                "Databricks runner: job {} on {}, signed in with {}",
                jobId,
                config.getHost(),
                settings.credentials().describe());
        return new DatabricksJobRunner(
                new WorkspaceClient(config).jobs(),
                jobId,
                settings.pollInitial(),
                settings.pollMax(),
                settings.timeout(),
                settings.lakeRoot());
    }

    @Override
    public String name() {
        return "databricks";
    }

    /** The idempotency token of run-now is the pipeline run id and the attempt number. */
    @Override
    public boolean startsOnePerAttempt() {
        return true;
    }

    @Override
    public JobOutcome run(JobRequest request, Consumer<String> started) throws InterruptedException {
        long runId;
        try {
            runId = jobs.runNow(new RunNow()
                            .setJobId(jobId)
                            .setJobParameters(parameters(request))
                            // a run-now retried after a lost answer must not start a second run of the same attempt
                            .setIdempotencyToken(request.pipelineRunId() + "-" + request.attempt()))
                    .getResponse()
                    .getRunId();
        } catch (DatabricksException e) {
            return JobOutcome.failure(null, "Databricks jobs/run-now for job " + jobId + " failed: " + e.getMessage());
        }
        String jobRunId = Long.toString(runId);
        started.accept(jobRunId);
        LOG.info(
                "pipeline run {} attempt {}: Databricks run {} of job {} started",
                request.pipelineRunId(),
                request.attempt(),
                runId,
                jobId);
        return follow(request, runId);
    }

    /**
     * Polls the Databricks run an earlier life of the controller started, to its end. Its timeout counts
     * from now: how long the run went on before is not known here, and Databricks' own job timeout
     * (databricks.yml) still bounds it.
     */
    @Override
    public Optional<JobOutcome> resume(JobRequest request, String jobRunId) throws InterruptedException {
        long runId;
        try {
            runId = Long.parseLong(jobRunId);
        } catch (NumberFormatException e) {
            LOG.warn(
                    "pipeline run {}: job run id {} is no Databricks run id; the attempt is run again",
                    request.pipelineRunId(),
                    jobRunId);
            return Optional.empty();
        }
        LOG.info(
                "pipeline run {} attempt {}: resuming the poll of Databricks run {} of job {}, started before this controller's restart",
                request.pipelineRunId(),
                request.attempt(),
                runId,
                jobId);
        return Optional.of(follow(request, runId));
    }

    private JobOutcome follow(JobRequest request, long runId) throws InterruptedException {
        String jobRunId = Long.toString(runId);
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration wait = pollInitial;
        int errorsInARow = 0;
        while (true) {
            try {
                Run run = jobs.getRun(runId);
                errorsInARow = 0;
                RunState state = run.getState();
                if (state != null && TERMINAL.contains(state.getLifeCycleState())) {
                    return outcome(jobRunId, run);
                }
            } catch (DatabricksException e) {
                errorsInARow++;
                LOG.warn("Databricks jobs/runs/get {} failed ({} in a row): {}", runId, errorsInARow, e.getMessage());
                if (errorsInARow >= MAX_POLL_ERRORS) {
                    cancel(runId);
                    return JobOutcome.failure(
                            jobRunId,
                            "Databricks jobs/runs/get for run " + runId + " failed " + errorsInARow
                                    + " times in a row; the run was cancelled. Last error: " + e.getMessage());
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                cancel(runId);
                return JobOutcome.failure(
                        jobRunId,
                        "Databricks run " + runId + " did not finish within " + timeout + " and was cancelled");
            }
            try {
                Thread.sleep(Math.max(
                        1, Math.min(wait.toMillis(), Duration.ofNanos(left).toMillis())));
            } catch (InterruptedException e) {
                // the controller is stopping (a deploy): the run goes on in Databricks, and the next start resumes
                // polling it (its id is recorded); cancelling would throw away work that a restart can pick up
                LOG.info(
                        "pipeline run {} attempt {}: controller stopping; Databricks run {} left running, to be resumed at the next start",
                        request.pipelineRunId(),
                        request.attempt(),
                        runId);
                throw e;
            }
            wait = wait.multipliedBy(2).compareTo(pollMax) > 0 ? pollMax : wait.multipliedBy(2);
        }
    }

    /**
     * The job parameters of databricks.yml's job ({@code run_id}, {@code lake_root}) and the batch the run
     * covers ({@code ingestion_run_ids}, {@code batch_prefixes}, comma-separated), so that a run on
     * Databricks says what it was for.
     */
    private Map<String, String> parameters(JobRequest request) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("run_id", request.pipelineRunId().toString());
        if (lakeRoot != null && !lakeRoot.isBlank()) {
            parameters.put("lake_root", lakeRoot);
        }
        parameters.put("ingestion_run_ids", String.join(",", request.ingestionRunIds()));
        parameters.put("batch_prefixes", String.join(",", request.batchPrefixes()));
        return parameters;
    }

    private static JobOutcome outcome(String jobRunId, Run run) {
        RunState state = run.getState();
        if (state.getLifeCycleState() == RunLifeCycleState.TERMINATED
                && state.getResultState() == RunResultState.SUCCESS) {
            return JobOutcome.success(jobRunId);
        }
        StringBuilder error = new StringBuilder("Databricks run ")
                .append(jobRunId)
                .append(" ended ")
                .append(state.getLifeCycleState());
        if (state.getResultState() != null) {
            error.append(" with result ").append(state.getResultState());
        }
        if (state.getStateMessage() != null && !state.getStateMessage().isBlank()) {
            error.append(": ").append(state.getStateMessage());
        }
        if (run.getStatus() != null && run.getStatus().getTerminationDetails() != null) {
            var details = run.getStatus().getTerminationDetails();
            error.append(" (termination ")
                    .append(details.getCode())
                    .append(", ")
                    .append(details.getType());
            if (details.getMessage() != null && !details.getMessage().equals(state.getStateMessage())) {
                error.append(": ").append(details.getMessage());
            }
            error.append(')');
        }
        if (run.getRunPageUrl() != null) {
            error.append(" - ").append(run.getRunPageUrl());
        }
        return JobOutcome.failure(jobRunId, error.toString());
    }

    private void cancel(long runId) {
        try {
            // asks for the cancellation only; waiting for the run to wind down would hold the pipeline longer
            jobs.cancelRun(runId);
            LOG.warn("Databricks run {} cancelled", runId);
        } catch (DatabricksException e) {
            LOG.error("could not cancel Databricks run {}: {}", runId, e.getMessage());
        }
    }
}
