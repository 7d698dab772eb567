package org.nyc311.anomaly.messaging;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.Visibility;
import org.nyc311.anomaly.check.AnomalyCheck;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.service.messaging.DeadLetteringListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes ForecastsPublished off its queue and runs the check. A check that fails (forecast-service or
 * gold away) throws, so the message is not acknowledged and SQS delivers it again later, in the end to
 * the dead-letter queue (service-support's {@link DeadLetteringListener}); a second delivery of a
 * processed event changes nothing.
 */
@Component
class ForecastsPublishedListener extends DeadLetteringListener<ForecastsPublished> {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastsPublishedListener.class);

    private final AnomalyCheck check;
    private final int checkVisibilitySeconds;

    ForecastsPublishedListener(EventJson eventJson, AnomalyCheck check, AnomalyProperties properties) {
        super(eventJson, ForecastsPublished.class);
        this.check = check;
        this.checkVisibilitySeconds = (int) Math.min(
                Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS,
                properties.checkVisibilityTimeout().toSeconds());
    }

    @SqsListener(queueNames = "#{@anomalyQueues.forecastsPublished()}")
    void onMessage(String body, Visibility visibility) {
        receive(body, visibility);
    }

    @Override
    protected void handle(ForecastsPublished event, Visibility visibility) {
        // a long check must not be handed to another consumer halfway (it would only be skipped, but late)
        visibility.changeTo(checkVisibilitySeconds);
        if (check.onForecastsPublished(event).duplicate()) {
            LOG.info("ForecastsPublished {} seen before: nothing to do", event.eventId());
        }
    }
}
