package org.nyc311.service.outbox;

import java.time.Duration;

/**
 * What the {@link EventOutbox} needs from a service's settings: how often what SQS refused is sent again
 * (each service has its own key for it, e.g. {@code nyc311.forecast.outbox-retry-interval}). The settings
 * record that implements it, with the service's {@link org.nyc311.service.messaging.QueueNames}, is all
 * {@link EventPublishingAutoConfiguration} needs to give the service its outbox and publisher.
 */
public interface OutboxSettings {

    Duration outboxRetryInterval();
}
