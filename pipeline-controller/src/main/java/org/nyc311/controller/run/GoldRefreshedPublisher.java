package org.nyc311.controller.run;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.GoldRefreshed;
import org.springframework.stereotype.Component;

/** Sends GoldRefreshed, in the shared JSON form, to forecast-service's queue. */
@Component
public class GoldRefreshedPublisher {

    private final SqsTemplate sqs;
    private final EventJson eventJson;
    private final String queue;

    public GoldRefreshedPublisher(SqsTemplate sqs, EventJson eventJson, ControllerProperties properties) {
        this.sqs = sqs;
        this.eventJson = eventJson;
        this.queue = properties.queues().goldRefreshed();
    }

    /** Returns once SQS has the message; throws when it could not take it. */
    public void publish(GoldRefreshed event) {
        sqs.send(to -> to.queue(queue).payload(eventJson.write(event)));
    }
}
