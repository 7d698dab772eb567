package org.nyc311.anomaly.engine.cli;

import java.io.PrintWriter;

/** Progress lines on stderr for long runs: at most one every two seconds, and a last one at the end. */
final class Progress {

    private static final long INTERVAL_NANOS = 2_000_000_000L;
    /** Runs with fewer forecast days than this finish in a few seconds: progress lines would only be noise. */
    static final int MIN_DAYS = 500;

    private final String task;
    private final int totalTasks;
    private final int totalDays;
    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastReport = started;

    Progress(String task, int totalTasks, int totalDays, PrintWriter err) {
        this.task = task;
        this.totalTasks = totalTasks;
        this.totalDays = totalDays;
        this.err = err;
    }

    void step(int doneTasks) {
        if (totalDays < MIN_DAYS) {
            return;
        }
        long now = System.nanoTime();
        if (doneTasks == totalTasks || now - lastReport >= INTERVAL_NANOS) {
            lastReport = now;
            err.printf(
                    "%s: %d%% of %d forecast days (%.1f s)%n",
                    task, Math.round(100.0 * doneTasks / totalTasks), totalDays, (now - started) / 1e9);
            err.flush();
        }
    }
}
