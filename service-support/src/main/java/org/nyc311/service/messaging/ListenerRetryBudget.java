package org.nyc311.service.messaging;

import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.errorhandler.AsyncErrorHandler;
import io.awspring.cloud.sqs.listener.errorhandler.ErrorHandlerVisibilityHelper;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * What a consumer does with a message whose handling failed: it stays unacknowledged and comes back
 * after a wait that grows with each receive ({@link ListenerRetrySettings}), so that a database,
 * warehouse or service that is away for minutes does not burn the queue's receives in seconds and
 * send the message to the dead-letter queue. With the defaults (60 s, doubling, at most 10 min) and the
 * redrive policy's 5 receives, the 5th and last delivery comes 60 + 120 + 240 + 480 s = 15 minutes after
 * the first: an outage shorter than that costs no message. One that fails every delivery reaches the
 * dead-letter queue 10 minutes later (25 minutes after the first).
 *
 * <p>An unreadable message is the exception: no wait makes it readable, so it keeps the visibility
 * its listener gave it (none) and reaches the dead-letter queue at once.
 */
public class ListenerRetryBudget implements AsyncErrorHandler<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerRetryBudget.class);

    private final ListenerRetrySettings settings;

    public ListenerRetryBudget(ListenerRetrySettings settings) {
        this.settings = settings;
        LOG.info(
                "SQS listeners retry a failed message after {}, x{} each time, at most {} a wait: its last of {} deliveries "
                        + "comes {} after the first (the retry budget), the dead-letter queue {} after it",
                settings.initialVisibility(),
                settings.multiplier(),
                settings.maxVisibility(),
                EventQueue.MAX_RECEIVE_COUNT,
                settings.budget(),
                settings.deadLetteredAfter(EventQueue.MAX_RECEIVE_COUNT));
    }

    @Override
    public CompletableFuture<Void> handle(Message<Object> message, Throwable failure) {
        if (unreadable(failure)) {
            return CompletableFuture.failedFuture(failure);
        }
        long receive = ErrorHandlerVisibilityHelper.getReceiveMessageCount(message);
        int seconds = (int) Math.min(
                Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS,
                settings.visibilityAfter(receive).toSeconds());
        LOG.warn(
                "message {} failed on receive {} of {}; delivered again in {} s: {}",
                message.getHeaders().getId(),
                receive,
                EventQueue.MAX_RECEIVE_COUNT,
                seconds,
                rootMessage(failure));
        return ErrorHandlerVisibilityHelper.getVisibility(message)
                .changeToAsync(seconds)
                .handle((done, visibilityFailure) -> {
                    if (visibilityFailure != null) {
                        // SQS itself is away: the message comes back after the queue's own visibility timeout
                        LOG.warn(
                                "could not delay message {}: {}",
                                message.getHeaders().getId(),
                                rootMessage(visibilityFailure));
                    }
                    return null;
                })
                .thenCompose(ignored -> CompletableFuture.failedFuture(failure));
    }

    @Override
    public CompletableFuture<Void> handle(Collection<Message<Object>> messages, Throwable failure) {
        // batch listeners are not used here; each message is handled as a single one would be
        return CompletableFuture.allOf(messages.stream()
                        .map(message -> handle(message, failure).exceptionally(ignored -> null))
                        .toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> CompletableFuture.failedFuture(failure));
    }

    private static boolean unreadable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EventJson.InvalidEventException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure) : failure.getClass().getSimpleName() + " (" + root + ")";
    }
}
