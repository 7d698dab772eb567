package org.nyc311.ingest.events;

import org.nyc311.ingest.config.IngestProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What service-support's {@code EventPublishingAutoConfiguration} needs to give ingest its outbox (table
 * event_outbox, where RawBatchLanded waits while SQS is away) and its publisher.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

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
