package org.nyc311.ingest.events;

import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.service.outbox.EventOutboxMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What service-support's {@code EventPublishingAutoConfiguration} needs to give ingest its outbox (table
 * event_outbox, where RawBatchLanded waits while SQS is away) and its publisher.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    /**
     * Flyway's V6: the outbox's table, in place of the script of ingest's own that created it before (that comment
     * above the shared statement), whose databases service-support's {@code OutboxScriptAdoption} moves onto it.
     */
    @Bean
    EventOutboxMigration eventOutboxMigration() {
        return EventOutboxMigration.atVersion("6").replacingScript("V6__event_outbox.sql", """
                -- RawBatchLanded events on their way to SQS (service-support's EventOutbox): stored in the transaction that
                -- completes the run, sent when SQS takes them, so that an SQS outage neither fails a run nor loses its event.""");
    }

    /** The queue names: where RawBatchLanded goes, and what the sqs health looks for. */
    @Bean
    IngestProperties.Queues ingestQueues(IngestProperties properties) {
        return properties.queues();
    }

    /** How often the outbox sends again what SQS refused ({@code nyc311.ingest.events.outbox-retry-interval}). */
    @Bean
    IngestProperties.Events ingestEvents(IngestProperties properties) {
        return properties.events();
    }
}
