package org.nyc311.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.service.messaging.QueueNames;

class EventPublisherTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    /** As a service's settings name them (components named after their queues); production prefixes the names. */
    private record Queues(String goldRefreshed, String rawBatchLanded) implements QueueNames {}

    /** forecast-service's side: no queue for GoldRefreshed's sending. */
    private record ForecastsOnly(String forecastsPublished) implements QueueNames {}

    /** A component that names no queue is a mistake found at the first use. */
    private record Misnamed(String goldRefresh) implements QueueNames {}

    private final EventOutbox outbox = mock(EventOutbox.class);
    private final EventJson json = new EventJson();
    private final EventPublisher publisher = new EventPublisher(outbox, json, new Queues("prod-gold", "prod-raw"));

    @Test
    void anEventIsStagedAsItsSharedJsonUnderItsIdToTheQueueTheServiceNamesForItsType() {
        GoldRefreshed event = GoldRefreshed.of(
                CLOCK, "run-1", List.of("ingest-1"), Map.of("daily_series", 3L), LocalDate.of(2026, 2, 28), Map.of());

        assertThat(publisher.publish(event)).isEqualTo("prod-gold");

        ArgumentCaptor<String> payload = ArgumentCaptor.forClass(String.class);
        verify(outbox)
                .stage(
                        org.mockito.ArgumentMatchers.eq("prod-gold"),
                        org.mockito.ArgumentMatchers.eq(event.eventId()),
                        payload.capture());
        assertThat(json.read(payload.getValue(), GoldRefreshed.class)).isEqualTo(event);
        assertThat(payload.getValue()).doesNotContain("org.nyc311");
    }

    @Test
    void anEventTheServiceHasNoQueueForIsRefusedBeforeAnythingIsStored() {
        EventPublisher forecastOnly = new EventPublisher(outbox, json, new ForecastsOnly("f"));
        GoldRefreshed event =
                GoldRefreshed.of(CLOCK, "run-2", List.of(), Map.of(), LocalDate.of(2026, 2, 28), Map.of());

        assertThatThrownBy(() -> forecastOnly.publish(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GoldRefreshed");
        verifyNoInteractions(outbox);
    }

    @Test
    void queueNamesDefaultToTheLocalOnesAndListInTheChainsOrder() {
        assertThat(QueueNames.orDefault(null, EventQueue.RAW_BATCH_LANDED)).isEqualTo("nyc311-raw-batch-landed");
        assertThat(QueueNames.orDefault(" ", EventQueue.GOLD_REFRESHED)).isEqualTo("nyc311-gold-refreshed");
        assertThat(QueueNames.orDefault("prod-gold", EventQueue.GOLD_REFRESHED)).isEqualTo("prod-gold");
        Queues queues = new Queues("prod-gold", "prod-raw");
        assertThat(queues.byEvent())
                .containsExactly(
                        Map.entry(EventQueue.RAW_BATCH_LANDED, "prod-raw"),
                        Map.entry(EventQueue.GOLD_REFRESHED, "prod-gold"));
        assertThat(queues.all()).containsExactly("prod-raw", "prod-gold");
        assertThat(queues.queueOf(RawBatchLanded.class)).isEqualTo("prod-raw");
        assertThatThrownBy(() -> new Misnamed("x").all())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("goldRefresh");
    }

    @Test
    void theOutboxMigrationRunsTheOneStatementAtTheVersionTheServiceGives() {
        EventOutboxMigration v3 = EventOutboxMigration.atVersion("3");
        assertThat(v3.getVersion().getVersion()).isEqualTo("3");
        assertThat(EventOutboxMigration.statement())
                .contains("CREATE TABLE event_outbox")
                .contains("event_outbox_unsent");
        assertThat(v3.getChecksum())
                .isEqualTo(EventOutboxMigration.atVersion("4").getChecksum());
    }
}
