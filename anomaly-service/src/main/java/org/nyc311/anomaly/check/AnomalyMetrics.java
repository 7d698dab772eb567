package org.nyc311.anomaly.check;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import org.nyc311.anomaly.engine.AlertEpisode;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.springframework.stereotype.Component;

/**
 * The service's meters: anomalies recorded (by direction), alerts opened (by the rule that opened them: {@code
 * breaches}, {@code evidence}, {@code margin_evidence}, {@code sustained_rise}) and closed (by why: {@code
 * back_inside}, {@code superseded}), and how long a check takes.
 * The rule tag is how an operator sees what the evidence rules add to the breach rule's alerts on days no benchmark
 * has.
 */
@Component
public class AnomalyMetrics {

    private final Counter spikes;
    private final Counter drops;
    private final Map<AlertEpisode.OpenedBy, Counter> opened = new EnumMap<>(AlertEpisode.OpenedBy.class);
    private final Map<Alert.ClosedBecause, Counter> closed = new EnumMap<>(Alert.ClosedBecause.class);
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
        for (AlertEpisode.OpenedBy rule : AlertEpisode.OpenedBy.values()) {
            opened.put(
                    rule,
                    Counter.builder("nyc311.anomaly.alerts.opened")
                            .tag("rule", rule.tag())
                            .description("alerts opened, by the rule that opened them")
                            .register(registry));
        }
        for (Alert.ClosedBecause reason : Alert.ClosedBecause.values()) {
            closed.put(
                    reason,
                    Counter.builder("nyc311.anomaly.alerts.closed")
                            .tag("reason", reason.tag())
                            .description("alerts closed, by why: back inside, or superseded by a change of settings")
                            .register(registry));
        }
        this.checkDuration = Timer.builder("nyc311.anomaly.check.duration")
                .description("one check after ForecastsPublished: fetch forecasts, read actuals, detect, persist")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    void anomalyRecorded(Anomaly.Direction direction) {
        (direction == Anomaly.Direction.SPIKE ? spikes : drops).increment();
    }

    void alertOpened(AlertEpisode.OpenedBy rule) {
        java.util.Objects.requireNonNull(opened.get(rule)).increment();
    }

    void alertClosed(Alert.ClosedBecause reason) {
        java.util.Objects.requireNonNull(closed.get(reason)).increment();
    }

    Timer checkDuration() {
        return checkDuration;
    }
}
