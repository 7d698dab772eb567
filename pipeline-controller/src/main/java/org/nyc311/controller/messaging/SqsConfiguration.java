package org.nyc311.controller.messaging;

import org.nyc311.controller.config.ControllerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The controller's side of SQS. Events travel as the shared JSON of {@code EventJson}, never as
 * Spring's Java-typed payloads: service-support's {@code EventMessagingAutoConfiguration} provides that
 * converter (used by both the listener container and SqsTemplate) and the {@code EventJson} bean, and its
 * {@code EventPublishingAutoConfiguration} the outbox (table event_outbox, where GoldRefreshed waits while
 * SQS is away; {@code nyc311.controller.outbox-retry-interval}) and the publisher.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    /** The queue names: for the {@code @SqsListener} expression, the publisher and the sqs health. */
    @Bean
    ControllerProperties.Queues controllerQueues(ControllerProperties properties) {
        return properties.queues();
    }
}
