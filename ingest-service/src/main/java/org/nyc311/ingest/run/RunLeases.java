package org.nyc311.ingest.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nyc311.ingest.config.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * This process's hold on the runs it runs. Each process has its own owner id; a run it starts or
 * resumes carries that id and a lease that expires {@code nyc311.ingest.lease.length} after its last
 * renewal, by the database's clock (so processes whose clocks disagree still agree on expiry). A
 * heartbeat thread renews every lease this process holds; each committed page renews its run's lease
 * too and fails the page if the run is no longer held here. Another process treats a run as dead only
 * once its lease has expired ({@link StaleRunRecovery}).
 */
@Component
public class RunLeases implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(RunLeases.class);

    private final IngestionRunRepository runs;
    private final Duration length;
    private final String owner;
    private final ScheduledExecutorService heartbeat;

    public RunLeases(IngestionRunRepository runs, IngestProperties properties) {
        this.runs = runs;
        this.length = properties.lease().length();
        this.owner = host() + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingestion-lease-heartbeat");
            // the one-shot mode exits when its run ends; the heartbeat must not keep it alive
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.lease().heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        LOG.info(
                "this process holds its runs as {} (lease {}, heartbeat {})",
                owner,
                length,
                properties.lease().heartbeat());
    }

    public String owner() {
        return owner;
    }

    public Duration length() {
        return length;
    }

    /**
     * Renews the run's lease inside the caller's transaction; throws if this process no longer holds
     * the run, so that the page (or the completion) it was about to commit is rolled back instead of
     * written beside the work of the process that took the run over.
     */
    public void confirm(String runId) {
        if (!runs.renewLease(runId, owner, length)) {
            throw new LeaseLostException("run " + runId + " is no longer held by this process (" + owner
                    + "): its lease " + "expired and another process took it over; this process stops working on it");
        }
    }

    private void beat() {
        try {
            runs.renewLeases(owner, length);
        } catch (RuntimeException e) {
            // a missed beat is harmless while the lease lasts; keep beating
            LOG.warn("could not renew the leases of {}: {}", owner, e.getMessage());
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }

    /** This process lost its hold on a run: it must stop working on it. */
    public static class LeaseLostException extends IllegalStateException {
        LeaseLostException(String message) {
            super(message);
        }
    }
}
