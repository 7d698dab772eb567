package org.nyc311.ingest.events;

import org.nyc311.service.outbox.EventOutboxMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway's V6, the outbox's table (service-support's {@link EventOutboxMigration}), in place of the script of ingest's
 * own that created it before (its comment above the shared statement is below), whose databases service-support's
 * {@code OutboxScriptAdoption} moves onto the shared migration. A class of its own so that repository slice tests
 * migrate the schema production has.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxMigrations {

    @Bean
    EventOutboxMigration eventOutboxMigration() {
        return EventOutboxMigration.atVersion("6").replacingScript("V6__event_outbox.sql", """
                -- RawBatchLanded events on their way to SQS (service-support's EventOutbox): stored in the transaction that
                -- completes the run, sent when SQS takes them, so that an SQS outage neither fails a run nor loses its event.""");
    }
}
