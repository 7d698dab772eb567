package org.nyc311.ingest.events;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.time.Clock;
import javax.sql.DataSource;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.service.outbox.EventOutbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    /** RawBatchLanded waits here (table event_outbox) while SQS is away, and is sent when it is back. */
    @Bean
    EventOutbox eventOutbox(DataSource dataSource, SqsTemplate sqs, Clock clock, IngestProperties properties) {
        return EventOutbox.on(dataSource, sqs, clock, properties.events().outboxRetryInterval());
    }

    /** The queue names: where service-support's EventPublisher sends RawBatchLanded, and what the sqs health looks for. */
    @Bean
    IngestProperties.Queues ingestQueues(IngestProperties properties) {
        return properties.queues();
    }
}
