package org.nyc311.anomaly.messaging;

import java.util.Map;
import org.flywaydb.core.api.migration.JavaMigration;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.service.outbox.EventOutboxMigration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This service's side of SQS. Events travel as the shared JSON of {@code EventJson}, never as Spring's
 * Java-typed payloads: service-support's {@code EventMessagingAutoConfiguration} provides that converter
 * and the {@code EventJson} bean, and its {@code EventPublishingAutoConfiguration} the outbox
 * ({@code nyc311.anomaly.outbox-retry-interval}) and the publisher that sends AnomalyAlert through it.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    /** The queue names: for the {@code @SqsListener} expression, the publisher and the sqs health. */
    @Bean
    AnomalyProperties.Queues anomalyQueues(AnomalyProperties properties) {
        return properties.queues();
    }

    /**
     * Flyway's V3, the outbox's table; V4 then moves what the old outbox (alert_event) had not sent into it,
     * to the AnomalyAlert queue as configured.
     */
    @Bean
    JavaMigration eventOutboxMigration() {
        return EventOutboxMigration.atVersion("3");
    }

    @Bean
    FlywayConfigurationCustomizer anomalyAlertQueuePlaceholder(AnomalyProperties properties) {
        return configuration -> configuration.placeholders(Map.of("anomaly_alert_queue", properties.queues().anomalyAlert()));
    }
}
