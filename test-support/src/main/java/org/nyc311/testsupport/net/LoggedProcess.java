package org.nyc311.testsupport.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A child process whose output goes to a log file, stopped with its whole tree on {@link #close()}
 * and, should the owner forget or crash, when this JVM exits: no server outlives its owner.
 */
public final class LoggedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Duration stopGrace;
    private final Thread shutdownHook;

    private LoggedProcess(String name, Process process, Path log, Duration stopGrace) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopGrace = stopGrace;
        this.shutdownHook = new Thread(() -> ChildProcesses.stopTree(process, stopGrace), name + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the command with stdout and stderr appended to {@code log}. */
    public static LoggedProcess start(String name, ProcessBuilder command, Path log, Duration stopGrace)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = command.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new LoggedProcess(name, process, log, stopGrace);
    }

    /**
     * Waits until the process's HTTP probe answers 200 (asked every 250 ms, each call given 2 s), or fails: at once
     * where the process exits, else once {@code timeout} has passed; the message names the log and ends with its last
     * {@code tailLines} lines.
     */
    public void awaitHttpOk(URI probe, Duration timeout, int tailLines) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request =
                HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up (exit code " + process.exitValue()
                        + "); see " + log + ":\n" + tail(tailLines));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
        }
        throw new IllegalStateException(
                name + " was not ready at " + probe + " within " + timeout + "; see " + log + ":\n" + tail(tailLines));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    public Path log() {
        return log;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** The last lines of the log, for error messages that should explain themselves. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        ChildProcesses.stopTree(process, stopGrace);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to undo
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
