package org.nyc311.service.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The health of one thing a service depends on (a queue server, a bucket, the warehouse, a tracking
 * server), as {@code /actuator/health} shows it: {@code UP} with where it is, or, when the probe fails
 * or does not answer within the timeout, what is down, where, why, and since when.
 *
 * <p>A dependency the service cannot serve without reports {@code DOWN}; one it works around (it
 * retries, or serves what it stored) reports {@link #DEGRADED}, which services rank between DOWN and
 * UP ({@code management.endpoint.health.status.order}) and answer with HTTP 200: the health page says
 * what is away without failing a probe that should not fail for it. Readiness includes only the
 * former.
 *
 * <p>A probe runs on a thread of its own, one at a time: a dependency that hangs makes the health
 * answer late by at most the timeout, never piles up probes.
 */
public abstract class DependencyHealth implements HealthIndicator, DisposableBean {

    /** A dependency is away that the service works around: it runs, with less. */
    public static final Status DEGRADED = new Status("DEGRADED", "a dependency is away; the service works around it");

    private final String endpoint;
    private final boolean required;
    private final Duration timeout;
    private final Clock clock;
    private final ExecutorService prober;
    private @Nullable Future<Map<String, Object>> inFlight;
    private @Nullable Instant downSince;

    /**
     * @param name the dependency, for the probe thread's name
     * @param endpoint where it is (a URL without secrets)
     * @param required whether the service cannot serve without it ({@code DOWN}) or works around it ({@link #DEGRADED})
     * @param timeout how long a probe may take before the dependency counts as down
     */
    protected DependencyHealth(String name, String endpoint, boolean required, Duration timeout, Clock clock) {
        this.endpoint = endpoint;
        this.required = required;
        this.timeout = timeout;
        this.clock = clock;
        this.prober = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "health-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Asks the dependency something real; returns details worth showing when it answered, throws when it did not. */
    protected abstract Map<String, Object> probe() throws Exception;

    @Override
    public synchronized Health health() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = prober.submit(this::probe);
        }
        try {
            Map<String, Object> details = inFlight.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            downSince = null;
            return Health.up()
                    .withDetail("endpoint", endpoint)
                    .withDetails(details)
                    .build();
        } catch (TimeoutException e) {
            // the probe goes on; the next call waits for the same one instead of starting another
            return down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            // an ExecutionException always has the probe's failure as cause; the exception itself if not
            return down(DependencyFailures.describe(Objects.requireNonNullElse(e.getCause(), e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private Health down(String error) {
        Instant now = clock.instant();
        if (downSince == null) {
            downSince = now;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("endpoint", endpoint);
        details.put("error", error);
        details.put("downSince", downSince.toString());
        details.put("downForSeconds", Duration.between(downSince, now).toSeconds());
        return Health.status(required ? Status.DOWN : DEGRADED)
                .withDetails(details)
                .build();
    }

    @Override
    public void destroy() {
        prober.shutdownNow();
    }
}
