package org.nyc311.forecastservice.messaging;

import org.nyc311.forecastservice.config.ForecastProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This service's side of SQS. Events travel as the shared JSON of {@code EventJson}, never as Spring's
 * Java-typed payloads: service-support's {@code EventMessagingAutoConfiguration} provides that converter
 * and the {@code EventJson} bean, and its {@code EventPublishingAutoConfiguration} the outbox (table
 * event_outbox, Flyway V3; {@code nyc311.forecast.outbox-retry-interval}) and the publisher that sends
 * ForecastsPublished through it.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    /** The queue names: for the {@code @SqsListener} expression, the publisher and the sqs health. */
    @Bean
    ForecastProperties.Queues forecastQueues(ForecastProperties properties) {
        return properties.queues();
    }
}
