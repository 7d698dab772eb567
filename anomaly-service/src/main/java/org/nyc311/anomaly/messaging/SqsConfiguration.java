package org.nyc311.anomaly.messaging;

import org.nyc311.anomaly.config.AnomalyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This service's side of SQS. Events travel as the shared JSON of {@code EventJson}, never as Spring's
 * Java-typed payloads: service-support's {@code EventMessagingAutoConfiguration} provides that converter
 * and the {@code EventJson} bean, and its {@code EventPublishingAutoConfiguration} the outbox
 * ({@code nyc311.anomaly.outbox-retry-interval}) and the publisher that sends AnomalyAlert through it.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    /** The queue names: for the {@code @SqsListener} expression, the publisher and the sqs health. */
    @Bean
    AnomalyProperties.Queues anomalyQueues(AnomalyProperties properties) {
        return properties.queues();
    }
}
