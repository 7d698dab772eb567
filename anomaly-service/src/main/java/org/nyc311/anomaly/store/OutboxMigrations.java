package org.nyc311.anomaly.store;

import java.util.Map;
import org.flywaydb.core.api.migration.JavaMigration;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.service.outbox.EventOutboxMigration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The schema of service-support's outbox, through which AnomalyAlert goes: Flyway's V3 is its table
 * ({@link EventOutboxMigration}); V4 ({@code V4__alert_events_through_event_outbox.sql}) then moves what the
 * old outbox, {@code alert_event}, had not sent into it, to the AnomalyAlert queue as configured.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxMigrations {

    @Bean
    JavaMigration eventOutboxMigration() {
        return EventOutboxMigration.atVersion("3");
    }

    /** V4's {@code ${anomaly_alert_queue}}: the queue name from the settings, where its default is. */
    @Bean
    FlywayConfigurationCustomizer anomalyAlertQueuePlaceholder(AnomalyProperties properties) {
        return configuration -> configuration.placeholders(
                Map.of("anomaly_alert_queue", properties.queues().anomalyAlert()));
    }
}
