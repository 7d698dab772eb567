package org.nyc311.testsupport.net;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a child process and everything it started, so that no server outlives its owner. */
public final class ChildProcesses {

    private ChildProcesses() {}

    /**
     * Asks politely (SIGTERM to the whole tree), waits up to the grace period for every process of
     * the tree to be gone, then kills what is left. Returns only when none of them runs.
     */
    public static void stopTree(Process process, Duration grace) {
        if (process == null) {
            return;
        }
        ProcessHandle root = process.toHandle();
        List<ProcessHandle> tree = new java.util.ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            try {
                handle.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception timedOut) {
                // forcibly below
            }
        }
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                handle.onExit()
                        .orTimeout(5, TimeUnit.SECONDS)
                        .exceptionally(e -> handle)
                        .join();
            }
        }
    }
}
