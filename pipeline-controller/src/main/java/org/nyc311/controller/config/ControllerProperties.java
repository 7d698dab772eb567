package org.nyc311.controller.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.event.EventQueue;
import org.nyc311.service.databricks.DatabricksCredentials;
import org.nyc311.service.messaging.QueueNames;
import org.nyc311.service.outbox.OutboxSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the controller can be told under {@code nyc311.controller}.
 *
 * @param runner where the delta-jobs job runs: a child JVM on this machine, or Databricks
 * @param retry how often a failed run is tried again, and how long to wait in between
 * @param queues the SQS queue names; the defaults are the local ones of {@link EventQueue}
 * @param pollInterval how often the worker looks for work when nothing woke it
 * @param outboxRetryInterval how often GoldRefreshed events SQS refused are sent again
 */
@Validated
@ConfigurationProperties("nyc311.controller")
public record ControllerProperties(
        @NotNull(message = "set nyc311.controller.runner to local or databricks")
        RunnerKind runner,

        @Valid Retry retry,
        @Valid Queues queues,
        Duration pollInterval,
        Duration outboxRetryInterval,
        @Valid Local local,
        @Valid Databricks databricks)
        implements OutboxSettings {

    public ControllerProperties {
        retry = retry == null ? new Retry(0, null, null, null) : retry;
        queues = queues == null ? new Queues(null, null) : queues;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        outboxRetryInterval = outboxRetryInterval == null ? Duration.ofSeconds(30) : outboxRetryInterval;
        local = local == null ? new Local(null, null, null, null, null, null, null, null, null) : local;
        databricks =
                databricks == null ? new Databricks(null, null, null, null, null, null, null, null, null) : databricks;
    }

    public enum RunnerKind {
        LOCAL,
        DATABRICKS
    }

    /**
     * @param maxAttempts attempts per run, the first included, before it is FAILED
     * @param initialBackoff the wait after the first failed attempt; it doubles after each further one
     * @param maxBackoff the longest wait between two attempts
     * @param finishWithin how long a run whose job succeeded keeps trying to finish (read its result.json,
     *     store it, stage its GoldRefreshed) while S3 or PostgreSQL is away, before the attempt counts as failed
     */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration finishWithin) {
        public Retry(
                int maxAttempts,
                @Nullable Duration initialBackoff,
                @Nullable Duration maxBackoff,
                @Nullable Duration finishWithin) {
            this.maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
            this.initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
            this.maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
            this.finishWithin = finishWithin == null ? Duration.ofMinutes(30) : finishWithin;
        }

        /** The wait after failed attempt number {@code attempt} (1-based). */
        public Duration backoffAfter(int attempt) {
            Duration wait = initialBackoff;
            for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /** Queue names; production prefixes them per environment. */
    public record Queues(String rawBatchLanded, String goldRefreshed) implements QueueNames {
        public Queues(@Nullable String rawBatchLanded, @Nullable String goldRefreshed) {
            this.rawBatchLanded = QueueNames.orDefault(rawBatchLanded, EventQueue.RAW_BATCH_LANDED);
            this.goldRefreshed = QueueNames.orDefault(goldRefreshed, EventQueue.GOLD_REFRESHED);
        }
    }

    /**
     * The local runner: delta-jobs' batch in a child JVM on {@code local[*]}.
     *
     * @param deltaJobsJar the delta-jobs jar the build writes
     * @param classpathFile the file listing delta-jobs' runtime classpath (Spark, Delta), one line, ':'-separated
     * @param lakeRoot the folder the job reads raw/ from and writes the Delta tables and result.json to; locally the
     *     s3proxy folder of the lake bucket, so that the result is read back through S3 as in production
     * @param javaExecutable the java that runs the child; this JVM's own by default
     * @param mainClass the job's entry point
     * @param jvmFlags the {@code --add-opens} list Spark needs on Java 17 (spark-parent's {@code spark.jvm.flags})
     * @param jvmOptions further options for the child, e.g. its heap
     * @param logDirectory where each run's output goes, one file per attempt
     * @param timeout how long one attempt may take before the child is stopped
     */
    public record Local(
            Path deltaJobsJar,
            Path classpathFile,
            Path lakeRoot,
            Path javaExecutable,
            String mainClass,
            List<String> jvmFlags,
            List<String> jvmOptions,
            Path logDirectory,
            Duration timeout) {
        public Local(
                @Nullable Path deltaJobsJar,
                @Nullable Path classpathFile,
                @Nullable Path lakeRoot,
                @Nullable Path javaExecutable,
                @Nullable String mainClass,
                @Nullable List<String> jvmFlags,
                @Nullable List<String> jvmOptions,
                @Nullable Path logDirectory,
                @Nullable Duration timeout) {
            this.deltaJobsJar = deltaJobsJar == null ? Path.of("delta-jobs/target/delta-jobs.jar") : deltaJobsJar;
            this.classpathFile =
                    classpathFile == null ? Path.of("delta-jobs/target/delta-jobs.classpath") : classpathFile;
            this.lakeRoot = lakeRoot == null ? Path.of(".nyc311/run/data/s3/nyc311-lake") : lakeRoot;
            // computed, as the log directory below: this JVM's java and temporary folder, which no file can name
            this.javaExecutable =
                    javaExecutable == null ? Path.of(System.getProperty("java.home"), "bin", "java") : javaExecutable;
            this.mainClass = mainClass == null ? "org.nyc311.delta.BatchJob" : mainClass;
            this.jvmFlags = jvmFlags == null ? List.of() : List.copyOf(jvmFlags);
            this.jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
            this.logDirectory = logDirectory == null
                    ? Path.of(System.getProperty("java.io.tmpdir"), "nyc311-pipeline-runs")
                    : logDirectory;
            this.timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        }
    }

    /**
     * The Databricks runner: one existing job (deployed by the Asset Bundle) run with the batch as job parameters.
     *
     * @param host the workspace URL
     * @param clientId the controller's service principal (OAuth M2M), with {@code clientSecret}; production's way
     * @param clientSecret the service principal's OAuth secret, from Secrets Manager, never the repository
     * @param token a personal access token instead of the client id and secret, for development; exactly one of the two
     * @param jobId the delta-jobs job
     * @param pollInitial the first wait between two {@code runs/get}
     * @param pollMax the longest wait between two {@code runs/get}
     * @param timeout how long a run may take before it is cancelled
     * @param lakeRoot the job's {@code lake_root} parameter (e.g. {@code s3://nyc311-lake}); unset, the job's default applies
     */
    public record Databricks(
            @Nullable String host,
            @Nullable String clientId,
            @Nullable String clientSecret,
            @Nullable String token,
            @Nullable Long jobId,
            Duration pollInitial,
            Duration pollMax,
            Duration timeout,
            @Nullable String lakeRoot) {
        public Databricks(
                @Nullable String host,
                @Nullable String clientId,
                @Nullable String clientSecret,
                @Nullable String token,
                @Nullable Long jobId,
                @Nullable Duration pollInitial,
                @Nullable Duration pollMax,
                @Nullable Duration timeout,
                @Nullable String lakeRoot) {
            this.pollInitial = pollInitial == null ? Duration.ofSeconds(10) : pollInitial;
            this.pollMax = pollMax == null ? Duration.ofSeconds(60) : pollMax;
            this.timeout = timeout == null ? Duration.ofHours(1) : timeout;
            this.host = host;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.token = token;
            this.jobId = jobId;
            this.lakeRoot = lakeRoot;
        }

        /** The workspace and the way of signing in to it: exactly one of client id and secret, or token. */
        public DatabricksCredentials credentials() {
            return new DatabricksCredentials(host, clientId, clientSecret, token);
        }
    }
}
