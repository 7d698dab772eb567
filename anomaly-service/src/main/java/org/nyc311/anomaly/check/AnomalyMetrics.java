package org.nyc311.anomaly.check;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.nyc311.model.anomaly.Anomaly;
import org.springframework.stereotype.Component;

/** The service's meters: anomalies recorded (by direction), alerts opened and closed, and how long a check takes. */
@Component
public class AnomalyMetrics {

    private final Counter spikes;
    private final Counter drops;
    private final Counter opened;
    private final Counter closed;
    private final Timer checkDuration;

    public AnomalyMetrics(MeterRegistry registry) {
        this.spikes = Counter.builder("nyc311.anomaly.anomalies.recorded")
                .tag("direction", "spike")
                .description("days recorded outside their forecast interval")
                .register(registry);
        this.drops = Counter.builder("nyc311.anomaly.anomalies.recorded")
                .tag("direction", "drop")
                .description("days recorded outside their forecast interval")
                .register(registry);
        this.opened = Counter.builder("nyc311.anomaly.alerts.opened")
                .description("alerts opened")
                .register(registry);
        this.closed = Counter.builder("nyc311.anomaly.alerts.closed")
                .description("alerts closed")
                .register(registry);
        this.checkDuration = Timer.builder("nyc311.anomaly.check.duration")
                .description("one check after ForecastsPublished: fetch forecasts, read actuals, detect, persist")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    void anomalyRecorded(Anomaly.Direction direction) {
        (direction == Anomaly.Direction.SPIKE ? spikes : drops).increment();
    }

    void alertOpened() {
        opened.increment();
    }

    void alertClosed() {
        closed.increment();
    }

    Timer checkDuration() {
        return checkDuration;
    }
}
