package org.nyc311.forecastservice.run;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.ForecastsPublished;
import org.springframework.stereotype.Component;

/** Sends ForecastsPublished, in the shared JSON form, to anomaly-service's queue. */
@Component
public class ForecastsPublishedPublisher {

    private final SqsTemplate sqs;
    private final EventJson eventJson;
    private final String queue;

    public ForecastsPublishedPublisher(SqsTemplate sqs, EventJson eventJson, ForecastProperties properties) {
        this.sqs = sqs;
        this.eventJson = eventJson;
        this.queue = properties.queues().forecastsPublished();
    }

    /** Returns once SQS has the message; throws when it could not take it. */
    public void publish(ForecastsPublished event) {
        sqs.send(to -> to.queue(queue).payload(eventJson.write(event)));
    }
}
