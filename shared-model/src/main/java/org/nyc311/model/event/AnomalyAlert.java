package org.nyc311.model.event;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.nyc311.model.anomaly.Alert;

/** An alert opened or closed. The last link of the chain: consumed by notifiers and the dashboard. */
public record AnomalyAlert(UUID eventId, int schemaVersion, Instant occurredAt, Transition transition, Alert alert)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public AnomalyAlert {
        EventFields.check(eventId, schemaVersion, occurredAt, "AnomalyAlert");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(alert, "alert");
        if ((transition == Transition.CLOSED) != (alert.status() == Alert.Status.CLOSED)) {
            throw new IllegalArgumentException(
                    "a " + transition + " transition cannot carry a " + alert.status() + " alert");
        }
    }

    /** One id per alert and transition: the opening and the closing of an episode are two events, never more. */
    public static AnomalyAlert of(Clock clock, Transition transition, Alert alert) {
        UUID id = UUID.nameUUIDFromBytes(
                ("AnomalyAlert:" + alert.id() + ":" + transition).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new AnomalyAlert(id, SCHEMA_VERSION, clock.instant(), transition, alert);
    }

    @Override
    public int supportedSchemaVersion() {
        return SCHEMA_VERSION;
    }

    public enum Transition {
        OPENED,
        CLOSED
    }
}
