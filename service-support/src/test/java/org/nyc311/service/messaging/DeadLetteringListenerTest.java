package org.nyc311.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.GoldRefreshed;

class DeadLetteringListenerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private final EventJson json = new EventJson();
    private final RecordingVisibility visibility = new RecordingVisibility();
    private final RecordingListener listener = new RecordingListener(json);

    @Test
    void aReadableMessageIsHandedOnAsItsEventAndItsVisibilityIsLeftAlone() {
        GoldRefreshed event = GoldRefreshed.of(
                CLOCK, "run-1", List.of("ingest-1"), Map.of("daily_series", 3L), LocalDate.of(2026, 2, 28), Map.of());

        listener.receive(json.write(event), visibility);

        assertThat(listener.handled).containsExactly(event);
        assertThat(listener.unreadable).isZero();
        assertThat(visibility.changes).isEmpty();
    }

    @Test
    void anUnreadableMessageComesBackAtOnceSoItReachesTheDeadLetterQueueSoonerAndIsCounted() {
        assertThatThrownBy(() -> listener.receive("{\"type\":\"GoldRefreshed\",\"schemaVersion\":99}", visibility))
                .isInstanceOf(EventJson.InvalidEventException.class);
        assertThatThrownBy(() -> listener.receive("not json", visibility))
                .isInstanceOf(EventJson.InvalidEventException.class);

        assertThat(listener.handled).isEmpty();
        assertThat(listener.unreadable).isEqualTo(2);
        assertThat(visibility.changes).containsExactly(0, 0);
    }

    @Test
    void aFailureWhileHandlingLeavesTheMessageUnacknowledgedForTheRetryBudget() {
        GoldRefreshed event =
                GoldRefreshed.of(CLOCK, "run-2", List.of("ingest-2"), Map.of(), LocalDate.of(2026, 2, 28), Map.of());
        listener.failWith = new IllegalStateException("database away");

        assertThatThrownBy(() -> listener.receive(json.write(event), visibility))
                .hasMessage("database away");
        // the wait before the next delivery is the ListenerRetryBudget's, not set here
        assertThat(visibility.changes).isEmpty();
        assertThat(listener.unreadable).isZero();
    }

    private static final class RecordingListener extends DeadLetteringListener<GoldRefreshed> {
        final List<GoldRefreshed> handled = new ArrayList<>();
        int unreadable;
        RuntimeException failWith;

        RecordingListener(EventJson json) {
            super(json, GoldRefreshed.class);
        }

        @Override
        protected void handle(GoldRefreshed event, Visibility visibility) {
            if (failWith != null) {
                throw failWith;
            }
            handled.add(event);
        }

        @Override
        protected void unreadable(EventJson.InvalidEventException failure) {
            unreadable++;
        }
    }
}
