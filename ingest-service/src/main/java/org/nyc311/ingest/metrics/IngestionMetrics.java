package org.nyc311.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The intake's meters: records fetched, pages landed, retries, run duration and watermark lag.
 * Names are dotted here and appear in Prometheus as {@code nyc311_ingest_*}.
 */
@Component
public class IngestionMetrics {

    public static final String RECORDS = "nyc311.ingest.records.fetched";
    public static final String PAGES = "nyc311.ingest.pages";
    public static final String RETRIES = "nyc311.ingest.retries";
    public static final String RUN_DURATION = "nyc311.ingest.run.duration";
    public static final String WATERMARK_LAG = "nyc311.ingest.watermark.lag";

    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicReference<LocalDateTime> watermark = new AtomicReference<>();

    public IngestionMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder(WATERMARK_LAG, this, IngestionMetrics::watermarkLagSeconds)
                .description(
                        "Seconds between now (UTC) and the incremental watermark; NaN before the first incremental run")
                .baseUnit("seconds")
                .register(registry);
    }

    public void pageLanded(String sourceKind, int records) {
        Counter.builder(PAGES)
                .tag("source", sourceKind)
                .description("Pages landed as parts")
                .register(registry)
                .increment();
        Counter.builder(RECORDS)
                .tag("source", sourceKind)
                .description("Records fetched and landed")
                .register(registry)
                .increment(records);
    }

    public void retried(String reason) {
        Counter.builder(RETRIES)
                .tag("reason", reason)
                .description("Source requests retried after 429, 5xx or timeouts")
                .register(registry)
                .increment();
    }

    public void runEnded(String kind, String outcome, Duration duration) {
        Timer.builder(RUN_DURATION)
                .tag("kind", kind)
                .tag("outcome", outcome)
                .description("Wall time of ingestion runs")
                .register(registry)
                .record(duration);
    }

    public void watermarkIs(LocalDateTime value) {
        watermark.set(value);
    }

    private double watermarkLagSeconds() {
        LocalDateTime current = watermark.get();
        if (current == null) {
            return Double.NaN;
        }
        return Duration.between(current, LocalDateTime.now(clock.withZone(ZoneOffset.UTC)))
                        .toMillis()
                / 1000.0;
    }
}
