package org.nyc311.launcher.child;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.nyc311.testsupport.net.ChildProcesses;

/**
 * A child JVM the command line runs to its end (the ingest jar in one-shot mode, a Spark job): every
 * line it prints goes to its log file and to a line handler, which shows the ones that mean progress.
 * Ctrl-C on the launcher stops the child's whole process tree.
 */
public final class ChildRun {

    /** How it ended: the exit code and its last lines, to show when it died before saying why. */
    public record Outcome(int exitCode, List<String> tail) {}

    private static final int TAIL_LINES = 15;

    private ChildRun() {}

    public static Outcome run(List<String> command, Path log, Consumer<String> lines)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread stopChild =
                new Thread(() -> ChildProcesses.stopTree(process, Duration.ofSeconds(10)), "nyc311-child-stop");
        Runtime.getRuntime().addShutdownHook(stopChild);
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader output =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                file.write(line);
                file.newLine();
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
                lines.accept(line);
            }
        }
        int exit = process.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already stopping the child
        }
        return new Outcome(exit, List.copyOf(tail));
    }
}
