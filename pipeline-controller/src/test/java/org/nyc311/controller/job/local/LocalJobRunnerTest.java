package org.nyc311.controller.job.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.controller.job.JobOutcome;
import org.nyc311.controller.job.JobRequest;

class LocalJobRunnerTest {

    @TempDir
    Path folder;

    private final List<String> started = new ArrayList<>();

    @Test
    void aSuccessfulJobLeavesItsResultInTheLakeAndItsOutputInALogPerAttempt() throws Exception {
        JobRequest request = request(2);

        JobOutcome outcome = runner("succeed", Duration.ofMinutes(2)).run(request, started::add);

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        Path log = folder.resolve("logs").resolve(request.pipelineRunId() + "-attempt-2.log");
        assertThat(outcome.jobRunId()).isEqualTo(log.toString());
        assertThat(started).containsExactly(log.toString());
        assertThat(Files.readString(log))
                .contains("--spark-master local[*]")
                .contains("fake batch job: master local[*], run " + request.pipelineRunId());
        assertThat(folder.resolve("lake/_pipeline_runs/" + request.pipelineRunId() + "/result.json"))
                .exists();
    }

    @Test
    void aNonZeroExitFailsTheAttemptWithTheEndOfItsLog() throws Exception {
        JobOutcome outcome = runner("fail", Duration.ofMinutes(2)).run(request(1), started::add);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).contains("exited with code 3").contains("silver MERGE failed on purpose");
    }

    @Test
    void aJobPastItsTimeoutIsStopped() throws Exception {
        JobRequest request = request(1);

        JobOutcome outcome = runner("hang", Duration.ofSeconds(3)).run(request, started::add);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).contains("took longer than PT3S and was stopped");
        Path pidFile = folder.resolve("lake/hanging-" + request.pipelineRunId() + ".pid");
        assertThat(pidFile).as("the fake job had started").exists();
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("child still alive")
                .isFalse();
    }

    @Test
    void aMissingDeltaJobsBuildFailsWithWhatToDo() throws Exception {
        ControllerProperties.Local settings = settings("succeed", Duration.ofMinutes(1), folder.resolve("absent.jar"));

        JobOutcome outcome = new LocalJobRunner(settings).run(request(1), started::add);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).contains("delta-jobs is not built").contains("absent.jar");
        assertThat(started).isEmpty();
    }

    @Test
    void theCommandIsTheDeltaJobsContract() {
        JobRequest request = request(1);
        LocalJobRunner runner = new LocalJobRunner(new ControllerProperties.Local(
                Path.of("/x/delta-jobs.jar"),
                Path.of("/x/delta-jobs.classpath"),
                Path.of("/lake"),
                Path.of("/jdk/bin/java"),
                null,
                List.of("--add-opens=java.base/java.lang=ALL-UNNAMED"),
                List.of("-Xmx1g"),
                folder,
                null));

        List<String> command = runner.command(Path.of("/x/delta-jobs.jar"), "/m2/spark.jar:/m2/delta.jar", request);

        assertThat(command)
                .containsExactly(
                        "/jdk/bin/java",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "-Xmx1g",
                        "-cp",
                        "/x/delta-jobs.jar:/m2/spark.jar:/m2/delta.jar",
                        "org.nyc311.delta.BatchJob",
                        "--spark-master",
                        "local[*]",
                        "--lake-root",
                        "/lake",
                        "--run-id",
                        request.pipelineRunId().toString(),
                        "--ingestion-runs",
                        "ing-1");
    }

    @Test
    void theBatchesOfTheRunAreNamedCommaSeparatedAndLeftOutWhenThereAreNone() {
        LocalJobRunner runner = new LocalJobRunner(new ControllerProperties.Local(
                Path.of("/x/delta-jobs.jar"),
                Path.of("/x/delta-jobs.classpath"),
                Path.of("/lake"),
                Path.of("/jdk/bin/java"),
                null,
                List.of(),
                List.of(),
                folder,
                null));
        JobRequest two = new JobRequest(UUID.randomUUID(), 1, List.of("ing-b", "ing-a"), List.of());
        JobRequest none = new JobRequest(UUID.randomUUID(), 1, List.of(), List.of());

        assertThat(runner.command(Path.of("/x/delta-jobs.jar"), "", two)).endsWith("--ingestion-runs", "ing-a,ing-b");
        assertThat(runner.command(Path.of("/x/delta-jobs.jar"), "", none)).doesNotContain("--ingestion-runs");
    }

    private LocalJobRunner runner(String mode, Duration timeout) throws Exception {
        return new LocalJobRunner(settings(mode, timeout, testClasses()));
    }

    private ControllerProperties.Local settings(String mode, Duration timeout, Path jar) throws Exception {
        Path classpathFile = folder.resolve("fake.classpath");
        Files.writeString(classpathFile, "\n");
        Files.createDirectories(folder.resolve("lake"));
        return new ControllerProperties.Local(
                jar,
                classpathFile,
                folder.resolve("lake"),
                null,
                FakeBatchJob.class.getName(),
                List.of(),
                List.of("-Xmx64m", "-Dfake.mode=" + mode),
                folder.resolve("logs"),
                timeout);
    }

    /** The fake job's classes: the folder this test class was loaded from. */
    static Path testClasses() throws Exception {
        return Path.of(FakeBatchJob.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    private static JobRequest request(int attempt) {
        return new JobRequest(
                UUID.randomUUID(),
                attempt,
                List.of("ing-1"),
                List.of("raw/nyc311/ingestion_date=2026-06-28/run=ing-1/"));
    }
}
