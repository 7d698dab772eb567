package org.nyc311.controller.job;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the delta-jobs batch (bronze, silver, gold) for one attempt of a pipeline run and says how it
 * ended. On success the job has written {@code _pipeline_runs/<runId>/result.json} in the lake bucket;
 * reading it is not the runner's business.
 */
public interface JobRunner {

    /**
     * Runs one attempt to its end, its timeout included: a runner never leaves a job running behind it.
     *
     * @param started told the runner's id for the job as soon as it has one (a Databricks run id, a log file)
     * @throws InterruptedException when the controller is stopping; the job has been stopped
     */
    JobOutcome run(JobRequest request, Consumer<String> started) throws InterruptedException;

    /**
     * Follows to its end a job that an earlier life of the controller started for this attempt (the id
     * {@code started} was told then), without starting another: after a crash or a deploy, the job may
     * still be going, or have ended, on its own.
     *
     * @return the job's outcome, or empty when this runner's jobs do not outlive the controller (a local
     *     child JVM stops with it), or the id is not one of its own: the attempt is then run again
     * @throws InterruptedException when the controller is stopping
     */
    default Optional<JobOutcome> resume(JobRequest request, String jobRunId) throws InterruptedException {
        return Optional.empty();
    }

    /**
     * Whether {@link #run} called twice for the same attempt starts one job, not two (Databricks: run-now's
     * idempotency token is the pipeline run and attempt number). An attempt interrupted after it asked for
     * its job but before the job's id was recorded is then started again under the same number, and finds
     * the job it may already have started.
     */
    default boolean startsOnePerAttempt() {
        return false;
    }

    /** A short name for logs and metrics: {@code local} or {@code databricks}. */
    String name();
}
