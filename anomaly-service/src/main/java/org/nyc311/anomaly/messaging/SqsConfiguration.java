package org.nyc311.anomaly.messaging;

import org.nyc311.anomaly.config.AnomalyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This service's side of SQS. Events travel as the shared JSON of {@code EventJson}, never as Spring's
 * Java-typed payloads: service-support's {@code EventMessagingAutoConfiguration} provides that converter
 * and the {@code EventJson} bean.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    /** The queue names, for the {@code @SqsListener} expression. */
    @Bean
    AnomalyProperties.Queues anomalyQueues(AnomalyProperties properties) {
        return properties.queues();
    }
}
