package org.nyc311.controller.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What operators watch: how long runs take and how they end, how stale gold is, and how long events
 * waited in the queue. Names are Prometheus-friendly once exported (dots become underscores).
 */
@Component
public class PipelineMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicReference<Instant> newestCreatedInGold = new AtomicReference<>();
    private final Timer queueLag;
    private final Counter poisonMessages;

    public PipelineMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.queueLag = Timer.builder("nyc311.pipeline.queue.lag")
                .description("time from a RawBatchLanded event's creation to its receipt here")
                .register(registry);
        this.poisonMessages = Counter.builder("nyc311.pipeline.messages.poison")
                .description("messages that are no readable RawBatchLanded; they go to the dead-letter queue")
                .register(registry);
        Gauge.builder("nyc311.pipeline.data.freshness", this, PipelineMetrics::freshnessSeconds)
                .description("seconds from the newest request in gold to now; NaN before the first successful run")
                .baseUnit("seconds")
                .register(registry);
    }

    public void queueLag(Instant occurredAt) {
        Duration lag = Duration.between(occurredAt, clock.instant());
        queueLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** The data-quality checks of a successful run failed for a reason other than PostgreSQL being away. */
    public void dataQualityCheckFailed() {
        registry.counter("nyc311.pipeline.data_quality.check_failures").increment();
    }

    public void poisonMessage() {
        poisonMessages.increment();
    }

    public void batchReceived(boolean duplicate) {
        registry.counter("nyc311.pipeline.batches", "result", duplicate ? "duplicate" : "recorded")
                .increment();
    }

    public void attemptEnded(String runner, boolean succeeded) {
        registry.counter(
                        "nyc311.pipeline.run.attempts", "runner", runner, "outcome", succeeded ? "succeeded" : "failed")
                .increment();
    }

    /** A run reached SUCCEEDED or FAILED; {@code duration} is from its start to now, retries included. */
    public void runEnded(String runner, String outcome, Duration duration) {
        String tag = outcome.toLowerCase(java.util.Locale.ROOT);
        registry.counter("nyc311.pipeline.runs", "runner", runner, "outcome", tag)
                .increment();
        Timer.builder("nyc311.pipeline.run.duration")
                .description("from a run's start to its end, retries included")
                .tags("runner", runner, "outcome", tag)
                .register(registry)
                .record(duration.isNegative() ? Duration.ZERO : duration);
    }

    /** Gold now holds requests created up to this instant (also called at start with the stored newest). */
    public void goldRefreshed(@Nullable Instant newestCreatedAt) {
        if (newestCreatedAt != null) {
            newestCreatedInGold.accumulateAndGet(
                    newestCreatedAt, (old, candidate) -> old == null || candidate.isAfter(old) ? candidate : old);
        }
    }

    private double freshnessSeconds() {
        Instant newest = newestCreatedInGold.get();
        return newest == null
                ? Double.NaN
                : Duration.between(newest, clock.instant()).toMillis() / 1000.0;
    }
}
