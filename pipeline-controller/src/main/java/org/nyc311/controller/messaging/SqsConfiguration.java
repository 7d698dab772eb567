package org.nyc311.controller.messaging;

import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.service.outbox.EventOutboxMigration;
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

    /**
     * Flyway's V2: the outbox's table, in place of the script of the controller's own that created it before (that comment
     * above the shared statement), whose databases service-support's {@code OutboxScriptAdoption} moves onto it.
     */
    @Bean
    EventOutboxMigration eventOutboxMigration() {
        return EventOutboxMigration.atVersion("2").replacingScript("V2__event_outbox.sql", """
                -- GoldRefreshed events on their way to SQS (service-support's EventOutbox): staged when a run succeeds,
                -- sent when SQS takes them, so that an SQS outage loses none.""");
    }

    /** The queue names: for the {@code @SqsListener} expression, the publisher and the sqs health. */
    @Bean
    ControllerProperties.Queues controllerQueues(ControllerProperties properties) {
        return properties.queues();
    }
}
