package org.nyc311.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.nyc311.model.event.EventJson;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class ListenerRetryBudgetTest {

    /** As Spring Boot binds it with nothing set: the defaults its record gives. */
    private final ListenerRetrySettings defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("nyc311.messaging.listener-retry", ListenerRetrySettings.class);

    @Test
    void theDefaultBudgetOutlastsAnOutageOfMinutes() {
        assertThat(defaults.visibilityAfter(1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.visibilityAfter(2)).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.visibilityAfter(4)).isEqualTo(Duration.ofSeconds(480));
        assertThat(defaults.visibilityAfter(5)).isEqualTo(Duration.ofMinutes(10));
        // the 5th and last delivery 60 + 120 + 240 + 480 s after the first; the DLQ 600 s after that
        assertThat(defaults.budget()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.deadLetteredAfter(5)).isEqualTo(Duration.ofMinutes(25));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new ListenerRetrySettings(Duration.ofMinutes(5), 2.0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListenerRetrySettings(Duration.ofSeconds(1), 0.5, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedMessageComesBackLaterOnEachReceiveAndStaysUnacknowledged() {
        ListenerRetryBudget budget =
                new ListenerRetryBudget(new ListenerRetrySettings(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(20)));
        RecordingVisibility visibility = new RecordingVisibility();
        DataAccessResourceFailureException databaseAway = new DataAccessResourceFailureException("connection refused");

        for (int receive = 1; receive <= 5; receive++) {
            CompletableFuture<Void> handled = budget.handle(message(receive, visibility), databaseAway);
            assertThatThrownBy(handled::get)
                    .isInstanceOf(ExecutionException.class)
                    .hasCause(databaseAway);
        }

        assertThat(visibility.changes).containsExactly(2, 4, 8, 16, 20);
    }

    @Test
    void anUnreadableMessageKeepsTheVisibilityItsListenerGave() {
        ListenerRetryBudget budget = new ListenerRetryBudget(defaults);
        RecordingVisibility visibility = new RecordingVisibility();
        EventJson.InvalidEventException unreadable = new EventJson.InvalidEventException("not an event");

        assertThatThrownBy(
                        () -> budget.handle(message(1, visibility), new RuntimeException("listener failed", unreadable))
                                .get())
                .isInstanceOf(ExecutionException.class);

        assertThat(visibility.changes).isEmpty();
    }

    @Test
    void whenSqsCannotDelayTheMessageItStillFailsAndComesBackAfterTheQueuesTimeout() {
        ListenerRetryBudget budget = new ListenerRetryBudget(defaults);
        Visibility unreachable = seconds -> CompletableFuture.failedFuture(new IllegalStateException("SQS away"));
        IllegalStateException failure = new IllegalStateException("handling failed");

        assertThatThrownBy(() -> budget.handle(message(1, unreachable), failure).get())
                .isInstanceOf(ExecutionException.class)
                .hasCause(failure);
    }

    private static Message<Object> message(long receive, Visibility visibility) {
        return MessageBuilder.<Object>withPayload("{}")
                .setHeader(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT, Long.toString(receive))
                .setHeader(SqsHeaders.SQS_VISIBILITY_TIMEOUT_HEADER, visibility)
                .build();
    }
}
