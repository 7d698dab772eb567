package org.nyc311.forecastservice.messaging;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.api.migration.JavaMigration;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.service.outbox.EventOutbox;
import org.nyc311.service.outbox.EventOutboxMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This service's side of SQS. Events travel as the shared JSON of {@code EventJson}, never as Spring's
 * Java-typed payloads: service-support's {@code EventMessagingAutoConfiguration} provides that converter
 * and the {@code EventJson} bean, and its {@code EventPublisher} sends ForecastsPublished through the
 * outbox declared here.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    /** The queue names: for the {@code @SqsListener} expression, the publisher and the sqs health. */
    @Bean
    ForecastProperties.Queues forecastQueues(ForecastProperties properties) {
        return properties.queues();
    }

    /** ForecastsPublished waits here (table event_outbox) while SQS is away, and is sent when it is back. */
    @Bean
    EventOutbox eventOutbox(DataSource dataSource, SqsTemplate sqs, Clock clock, ForecastProperties properties) {
        return EventOutbox.on(dataSource, sqs, clock, properties.outboxRetryInterval());
    }

    /** Flyway's V3: the outbox's table. */
    @Bean
    JavaMigration eventOutboxMigration() {
        return EventOutboxMigration.atVersion("3");
    }
}
