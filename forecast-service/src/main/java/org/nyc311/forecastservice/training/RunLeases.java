package org.nyc311.forecastservice.training;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.run.RunLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's claims on forecast runs, each kept alive by a heartbeat while the instance works on
 * the run. A heartbeat that finds the lease taken over (this instance stalled past the lease: a long
 * pause, the database out of reach) marks it lost and stops; the holder's writes then change nothing.
 */
public class RunLeases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLeases.class);

    private final ForecastRunRepository runs;
    private final ForecastProperties.Lease settings;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "forecast-run-lease");
        thread.setDaemon(true);
        return thread;
    });

    public RunLeases(ForecastRunRepository runs, ForecastProperties.Lease settings) {
        this.runs = runs;
        this.settings = settings;
    }

    public String owner() {
        return settings.owner();
    }

    /** Claims a queued run (or one whose lease expired) to fit it; empty when it is done or held elsewhere. */
    public Optional<Held> claimToFit(UUID runId) {
        return runs.claimToFit(runId, settings.owner(), settings.duration()).map(this::keep);
    }

    /** Claims a succeeded run to track and announce it; empty when that is done or another instance is at it. */
    public Optional<Held> claimFollowUp(UUID runId) {
        return runs.claimFollowUp(runId, settings.owner(), settings.duration()).map(this::keep);
    }

    private Held keep(RunLease lease) {
        Held claim = new Held(lease);
        long every = settings.heartbeat().toMillis();
        claim.heartbeat = heartbeats.scheduleWithFixedDelay(claim::beat, every, every, TimeUnit.MILLISECONDS);
        held.add(claim);
        return claim;
    }

    /**
     * The instance is stopping: every lease it holds ends now, so that the runs are taken at once by
     * another instance (or by this one after its restart) rather than after a lease's full length.
     */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        for (Held claim : held) {
            try {
                runs.expire(claim.lease);
                LOG.info(
                        "forecast run {}: lease of {} given up at stop; another instance may take the run now",
                        claim.lease.runId(),
                        claim.lease.owner());
            } catch (RuntimeException e) {
                LOG.warn(
                        "forecast run {}: lease not given up at stop, it expires by itself: {}",
                        claim.lease.runId(),
                        e.toString());
            }
        }
    }

    /** A lease this instance holds, renewed until {@link #close()}; closing releases it. */
    public final class Held implements AutoCloseable {

        private final RunLease lease;
        private volatile boolean lost;
        private volatile @Nullable ScheduledFuture<?> heartbeat;

        private Held(RunLease lease) {
            this.lease = lease;
        }

        public RunLease lease() {
            return lease;
        }

        /**
         * Whether the lease is still this instance's, checked against the database now: asked right before
         * a step that cannot be taken back (creating MLflow runs, sending an event).
         */
        public boolean stillHeld() {
            if (lost) {
                return false;
            }
            if (!runs.holds(lease)) {
                markLost();
            }
            return !lost;
        }

        private void beat() {
            try {
                if (!runs.renew(lease, settings.duration())) {
                    markLost();
                }
            } catch (RuntimeException e) {
                // the database is away: the lease may run out, and then another instance takes the run
                LOG.warn("forecast run {}: lease heartbeat failed: {}", lease.runId(), e.toString());
            }
        }

        private void markLost() {
            if (!lost) {
                lost = true;
                LOG.warn(
                        "forecast run {}: {} lost its lease to another instance; what it does with the run from here changes nothing",
                        lease.runId(),
                        lease.owner());
            }
            ScheduledFuture<?> beating = heartbeat;
            if (beating != null) {
                beating.cancel(false);
            }
        }

        /** Stops the heartbeat and releases the lease (a no-op once another instance has claimed the run). */
        @Override
        public void close() {
            ScheduledFuture<?> beating = heartbeat;
            if (beating != null) {
                beating.cancel(false);
            }
            held.remove(this);
            runs.release(lease);
        }
    }
}
