package org.nyc311.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs BatchJob as pipeline-controller runs it locally: {@code java ${spark.jvm.flags} -cp
 * <classes>:<delta-jobs.classpath> org.nyc311.delta.BatchJob ...} (the classes are what delta-jobs.jar holds).
 */
public final class BatchJobProcess {

    public record Result(int exit, String output) {}

    private BatchJobProcess() {}

    public static Result run(String... args) throws Exception {
        String classpath = System.getProperty("delta-jobs.classes") + ":"
                + Files.readString(Path.of(System.getProperty("delta-jobs.classpath-file")))
                        .strip();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("spark.jvm.flags").trim().split("\\s+")));
        // the test's log configuration keeps the child's Spark quiet as well
        command.addAll(List.of(
                "-Duser.timezone=UTC",
                "-Dlog4j2.configurationFile="
                        + Path.of(BatchJobProcess.class
                                .getResource("/log4j2.properties")
                                .toURI()),
                "-cp",
                classpath,
                BatchJob.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
