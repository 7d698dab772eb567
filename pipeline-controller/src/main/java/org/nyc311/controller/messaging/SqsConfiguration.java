package org.nyc311.controller.messaging;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.time.Clock;
import javax.sql.DataSource;
import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.service.outbox.EventOutbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The controller's side of SQS. Events travel as the shared JSON of {@code EventJson}, never as
 * Spring's Java-typed payloads: service-support's {@code EventMessagingAutoConfiguration} provides that
 * converter (used by both the listener container and SqsTemplate) and the {@code EventJson} bean.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    /** The queue names, for the {@code @SqsListener} expression. */
    @Bean
    ControllerProperties.Queues controllerQueues(ControllerProperties properties) {
        return properties.queues();
    }

    /** GoldRefreshed waits here (table event_outbox) while SQS is away, and is sent when it is back. */
    @Bean
    EventOutbox eventOutbox(DataSource dataSource, SqsTemplate sqs, Clock clock, ControllerProperties properties) {
        return EventOutbox.on(dataSource, sqs, clock, properties.outboxRetryInterval());
    }
}
