package org.nyc311.testsupport.net;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stops a child process and everything it started, so that no server outlives its owner. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Asks politely (SIGTERM to the tree), then forcibly after the grace period. */
    public static void stopTree(Process process, Duration grace) {
        if (process == null) {
            return;
        }
        ProcessHandle root = process.toHandle();
        var descendants = root.descendants().toList();
        root.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                root.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            root.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
