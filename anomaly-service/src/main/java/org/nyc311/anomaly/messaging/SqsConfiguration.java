package org.nyc311.anomaly.messaging;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.migration.JavaMigration;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.service.outbox.EventOutbox;
import org.nyc311.service.outbox.EventOutboxMigration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This service's side of SQS. Events travel as the shared JSON of {@code EventJson}, never as Spring's
 * Java-typed payloads: service-support's {@code EventMessagingAutoConfiguration} provides that converter
 * and the {@code EventJson} bean, and its {@code EventPublisher} sends AnomalyAlert through the outbox
 * declared here.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    /** The queue names: for the {@code @SqsListener} expression, the publisher and the sqs health. */
    @Bean
    AnomalyProperties.Queues anomalyQueues(AnomalyProperties properties) {
        return properties.queues();
    }

    /** AnomalyAlert waits here (table event_outbox) while SQS is away, and is sent when it is back. */
    @Bean
    EventOutbox eventOutbox(DataSource dataSource, SqsTemplate sqs, Clock clock, AnomalyProperties properties) {
        return EventOutbox.on(dataSource, sqs, clock, properties.outboxRetryInterval());
    }

    /** Flyway's V3: the outbox's table (V4 moves what the old outbox, alert_event, had not sent into it). */
    @Bean
    JavaMigration eventOutboxMigration() {
        return EventOutboxMigration.atVersion("3");
    }

    /** V4 needs the AnomalyAlert queue's name, as configured, for the events it moves into the outbox. */
    @Bean
    FlywayConfigurationCustomizer anomalyAlertQueuePlaceholder(AnomalyProperties properties) {
        return configuration -> configuration.placeholders(Map.of("anomaly_alert_queue", properties.queues().anomalyAlert()));
    }
}
