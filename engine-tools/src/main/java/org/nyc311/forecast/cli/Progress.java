package org.nyc311.forecast.cli;

import java.io.PrintWriter;

/** Progress lines on stderr for long runs: at most one every two seconds, and a last one at the end. */
final class Progress {

    private static final long INTERVAL_NANOS = 2_000_000_000L;
    /** Below this many series a run is quick enough that progress lines would only be noise. */
    private static final int MIN_SERIES = 50;

    private final String task;
    private final int total;
    private final PrintWriter err;
    private final long started = System.nanoTime();
    private long lastReport = started;

    Progress(String task, int total, PrintWriter err) {
        this.task = task;
        this.total = total;
        this.err = err;
    }

    void step(int done) {
        if (total < MIN_SERIES) {
            return;
        }
        long now = System.nanoTime();
        if (done == total || now - lastReport >= INTERVAL_NANOS) {
            lastReport = now;
            err.printf("%s: %d/%d series (%.1f s)%n", task, done, total, (now - started) / 1e9);
            err.flush();
        }
    }
}
