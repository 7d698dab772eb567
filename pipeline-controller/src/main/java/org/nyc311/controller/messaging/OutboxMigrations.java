package org.nyc311.controller.messaging;

import org.nyc311.service.outbox.EventOutboxMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway's V2, the outbox's table (service-support's {@link EventOutboxMigration}), in place of the script of the controller's
 * own that created it before (its comment above the shared statement is below), whose databases service-support's
 * {@code OutboxScriptAdoption} moves onto the shared migration. A class of its own so that repository slice tests
 * migrate the schema production has.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxMigrations {

    @Bean
    EventOutboxMigration eventOutboxMigration() {
        return EventOutboxMigration.atVersion("2").replacingScript("V2__event_outbox.sql", """
                -- GoldRefreshed events on their way to SQS (service-support's EventOutbox): staged when a run succeeds,
                -- sent when SQS takes them, so that an SQS outage loses none.""");
    }
}
