package org.nyc311.launcher.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.nyc311.launcher.child.ChildRun;

/**
 * A delta-jobs main in a child JVM with local Spark: the jar, the classpath file and the Java 17
 * flags that the delta-jobs build writes beside it. Spark stays out of the launcher's own JVM.
 */
final class SparkJob {

    /** The stages' own summary lines (bronze: ..., silver: ..., gold: ..., export-gold: ...) go to the console. */
    private static final Pattern PROGRESS = Pattern.compile("^(bronze|silver|gold|export-gold|batch)[: ].*");

    private final Path jar;
    private final String classpath;
    private final List<String> jvmFlags;

    private SparkJob(Path jar, String classpath, List<String> jvmFlags) {
        this.jar = jar;
        this.classpath = classpath;
        this.jvmFlags = jvmFlags;
    }

    /** The job built in {@code delta-jobs/target}, or null when the build has not made it yet. */
    static @Nullable SparkJob of(Path deltaJobsTarget) throws IOException {
        Path jar = deltaJobsTarget.resolve("delta-jobs.jar");
        Path classpath = deltaJobsTarget.resolve("delta-jobs.classpath");
        Path flags = deltaJobsTarget.resolve("spark-jvm-flags.txt");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(classpath) || !Files.isRegularFile(flags)) {
            return null;
        }
        return new SparkJob(
                jar,
                Files.readString(classpath).strip(),
                Arrays.stream(Files.readString(flags).strip().split("\\s+"))
                        .filter(flag -> !flag.isBlank())
                        .toList());
    }

    /** Runs one main to its end: every line to the log, the stages' summaries to the console. */
    int run(String mainClass, List<String> arguments, Path log, PrintWriter out)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-Xmx2g", "-Duser.timezone=UTC", "-cp", jar + ":" + classpath, mainClass));
        command.addAll(arguments);
        return ChildRun.run(command, log, line -> {
                    if (PROGRESS.matcher(line).matches()) {
                        out.println("  " + line);
                        out.flush();
                    }
                })
                .exitCode();
    }
}
