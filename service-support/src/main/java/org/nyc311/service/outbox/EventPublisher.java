package org.nyc311.service.outbox;

import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.PipelineEvent;
import org.nyc311.service.messaging.QueueNames;

/**
 * The one way a service sends an event: in the shared JSON form of {@link EventJson}, to the queue its
 * {@link QueueNames} give for the event's type, through the {@link EventOutbox}. SQS being away fails
 * nothing: the event waits in the service's database until SQS takes it. Staged in the caller's
 * transaction when there is one (sent once that commits); the event id is the outbox's key, so
 * publishing the same event twice sends it once.
 *
 * @param outbox where the event waits until SQS takes it
 * @param eventJson the events' one JSON form
 * @param queues the service's queue names
 */
public record EventPublisher(EventOutbox outbox, EventJson eventJson, QueueNames queues) {

    /**
     * Returns once the event is stored to be sent (sent at once when SQS answers and no transaction
     * holds it back); throws only when the database could not store it.
     *
     * @return the queue it goes to
     */
    public String publish(PipelineEvent event) {
        String queue = queues.queueOf(event.getClass());
        outbox.stage(queue, event.eventId(), eventJson.write(event));
        return queue;
    }
}
