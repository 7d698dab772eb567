package org.nyc311.model.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Checks every event makes on the fields they all share. */
final class EventFields {

    private EventFields() {}

    static void check(UUID eventId, int schemaVersion, Instant occurredAt, String type) {
        Objects.requireNonNull(eventId, type + ".eventId");
        Objects.requireNonNull(occurredAt, type + ".occurredAt");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException(type + ".schemaVersion must be 1 or more: " + schemaVersion);
        }
    }
}
