package org.nyc311.service.messaging;

import io.awspring.cloud.sqs.listener.Visibility;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.PipelineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a service takes an event off its queue. The subclass's {@code @SqsListener} method hands the
 * body to {@link #receive}, which reads it as the shared JSON of {@link EventJson} and passes it on to
 * {@link #handle}. What cannot be read goes to the dead-letter queue as fast as the redrive policy allows:
 * its visibility drops to 0 (no wait will make it readable) and the failure is rethrown, so it is never
 * acknowledged. What {@link #handle} throws is not acknowledged either: SQS delivers it again after the
 * wait of the {@link ListenerRetryBudget}, and after {@code EventQueue.MAX_RECEIVE_COUNT} receives moves
 * it to the dead-letter queue. SQS delivers at least once, so {@link #handle} must be idempotent on the
 * event's id.
 *
 * @param <E> the event this queue carries
 */
public abstract class DeadLetteringListener<E extends PipelineEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringListener.class);

    private final EventJson eventJson;
    private final Class<E> eventType;

    protected DeadLetteringListener(EventJson eventJson, Class<E> eventType) {
        this.eventJson = eventJson;
        this.eventType = eventType;
    }

    /** Reads the message and handles its event; throws (leaving it unacknowledged) when either fails. */
    protected final void receive(String body, Visibility visibility) {
        E event;
        try {
            event = eventJson.read(body, eventType);
        } catch (EventJson.InvalidEventException e) {
            unreadable(e);
            LOG.error(
                    "unreadable message on the {} queue, on its way to the dead-letter queue: {}",
                    eventType.getSimpleName(),
                    e.getMessage());
            // delivering it again at once: no wait will make it readable, so it reaches the DLQ sooner
            visibility.changeTo(0);
            throw e;
        }
        handle(event, visibility);
    }

    /** What the service does with the event; {@code visibility} to hold the message longer while it works. */
    protected abstract void handle(E event, Visibility visibility);

    /** Called before an unreadable message is sent on its way to the DLQ, e.g. to count it; nothing by default. */
    protected void unreadable(EventJson.InvalidEventException failure) {}
}
