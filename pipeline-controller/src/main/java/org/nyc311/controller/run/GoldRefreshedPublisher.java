package org.nyc311.controller.run;

import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.service.outbox.EventOutbox;
import org.springframework.stereotype.Component;

/**
 * Sends GoldRefreshed, in the shared JSON form, to forecast-service's queue, through the outbox: SQS
 * being away does not fail a run whose gold is refreshed, the event waits in PostgreSQL until SQS
 * takes it.
 */
@Component
public class GoldRefreshedPublisher {

    private final EventOutbox outbox;
    private final EventJson eventJson;
    private final String queue;

    public GoldRefreshedPublisher(EventOutbox outbox, EventJson eventJson, ControllerProperties properties) {
        this.outbox = outbox;
        this.eventJson = eventJson;
        this.queue = properties.queues().goldRefreshed();
    }

    /**
     * Returns once the event is stored to be sent (it is sent at once when SQS answers); throws when
     * the database could not store it. The same event staged twice is sent once.
     */
    public void publish(GoldRefreshed event) {
        outbox.stage(queue, event.eventId(), eventJson.write(event));
    }
}
