package org.nyc311.controller.job.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.controller.job.JobOutcome;
import org.nyc311.controller.job.JobRequest;
import org.nyc311.controller.job.JobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs delta-jobs' batch in a child JVM on {@code local[*]}: Spark stays out of this Spring JVM (its
 * servlet and logging jars clash with Boot's). Each attempt's output goes to a log file of its own,
 * whose path is the attempt's job run id.
 */
public final class LocalJobRunner implements JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LocalJobRunner.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 25;

    private final ControllerProperties.Local settings;

    public LocalJobRunner(ControllerProperties.Local settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public JobOutcome run(JobRequest request, Consumer<String> started) throws InterruptedException {
        Path jar = settings.deltaJobsJar().toAbsolutePath();
        Path classpathFile = settings.classpathFile().toAbsolutePath();
        // the jar may also be a classes folder (tests run a stand-in job that way)
        if (!Files.exists(jar) || !Files.isRegularFile(classpathFile)) {
            return JobOutcome.failure(
                    null,
                    "delta-jobs is not built: " + (Files.exists(jar) ? classpathFile : jar)
                            + " is missing (build it with ./mvnw -pl delta-jobs -am package -DskipTests)");
        }
        Path log = settings.logDirectory()
                .toAbsolutePath()
                .resolve(request.pipelineRunId() + "-attempt-" + request.attempt() + ".log");
        Process process;
        try {
            List<String> command = command(jar, readClasspath(classpathFile), request);
            // the log file is always inside the log directory
            Path logDirectory = Objects.requireNonNull(log.getParent());
            Files.createDirectories(logDirectory);
            Files.writeString(log, String.join(" ", command) + System.lineSeparator());
            process = new ProcessBuilder(command)
                    // Spark leaves spark-warehouse/ and the like in its working directory: not ours
                    .directory(logDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return JobOutcome.failure(null, "could not start the local job: " + e.getMessage());
        }
        String jobRunId = log.toString();
        started.accept(jobRunId);
        LOG.info(
                "pipeline run {} attempt {}: local job pid {} started, log {}",
                request.pipelineRunId(),
                request.attempt(),
                process.pid(),
                log);
        try {
            if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                stopTree(process);
                return JobOutcome.failure(
                        jobRunId,
                        "the local job took longer than " + settings.timeout() + " and was stopped; its log " + log
                                + " ends with:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            stopTree(process);
            throw e;
        }
        int exitCode = process.exitValue();
        if (exitCode != 0) {
            return JobOutcome.failure(
                    jobRunId,
                    "the local job exited with code " + exitCode + "; its log " + log + " ends with:\n" + tail(log));
        }
        return JobOutcome.success(jobRunId);
    }

    /**
     * {@code java <spark flags> <options> -cp jar:classpath BatchJob --spark-master local[*] --lake-root ..
     * --run-id .. [--ingestion-runs i1,i2]}: the batches let silver read them again when bronze took them
     * under an earlier run id (a manual rerun), so that gold rebuilds their dates.
     */
    List<String> command(Path jar, String classpath, JobRequest request) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaExecutable().toString());
        command.addAll(settings.jvmFlags());
        command.addAll(settings.jvmOptions());
        command.add("-cp");
        command.add(classpath.isEmpty() ? jar.toString() : jar + File.pathSeparator + classpath);
        command.add(settings.mainClass());
        command.addAll(List.of(
                "--spark-master",
                "local[*]",
                "--lake-root",
                settings.lakeRoot().toAbsolutePath().toString(),
                "--run-id",
                request.pipelineRunId().toString()));
        if (!request.ingestionRunIds().isEmpty()) {
            command.addAll(List.of("--ingestion-runs", String.join(",", request.ingestionRunIds())));
        }
        return command;
    }

    /** The classpath file holds one ':'-separated line (Maven's build-classpath); tolerate one entry a line too. */
    private static String readClasspath(Path classpathFile) throws IOException {
        return Arrays.stream(Files.readString(classpathFile).split("[\\r\\n" + File.pathSeparator + "]+"))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static void stopTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
