package org.nyc311.anomaly.messaging;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.Visibility;
import org.nyc311.anomaly.check.AnomalyCheck;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.ForecastsPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes ForecastsPublished off its queue and runs the check. A check that fails (forecast-service or
 * gold away) throws, so the message is not acknowledged and SQS delivers it again later, in the end to
 * the dead-letter queue; a second delivery of a processed event changes nothing.
 */
@Component
class ForecastsPublishedListener {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastsPublishedListener.class);

    private final EventJson eventJson;
    private final AnomalyCheck check;
    private final int checkVisibilitySeconds;

    ForecastsPublishedListener(EventJson eventJson, AnomalyCheck check, AnomalyProperties properties) {
        this.eventJson = eventJson;
        this.check = check;
        this.checkVisibilitySeconds = (int) Math.min(Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS,
                properties.checkVisibilityTimeout().toSeconds());
    }

    @SqsListener(queueNames = "#{@anomalyQueues.forecastsPublished()}")
    void onMessage(String body, Visibility visibility) {
        ForecastsPublished event;
        try {
            event = eventJson.read(body, ForecastsPublished.class);
        } catch (EventJson.InvalidEventException e) {
            LOG.error("unreadable message on the ForecastsPublished queue, on its way to the dead-letter queue: {}", e.getMessage());
            // no wait will make it readable: let it come back at once and reach the DLQ sooner
            visibility.changeTo(0);
            throw e;
        }
        // a long check must not be handed to another consumer halfway (it would only be skipped, but late)
        visibility.changeTo(checkVisibilitySeconds);
        if (check.onForecastsPublished(event).duplicate()) {
            LOG.info("ForecastsPublished {} seen before: nothing to do", event.eventId());
        }
    }
}
