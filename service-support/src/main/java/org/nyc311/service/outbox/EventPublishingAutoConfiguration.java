package org.nyc311.service.outbox;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.api.migration.JavaMigration;
import org.nyc311.model.event.EventJson;
import org.nyc311.service.messaging.EventMessagingAutoConfiguration;
import org.nyc311.service.messaging.QueueNames;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A service's outbox and publisher, from what it declares: its PostgreSQL {@link DataSource}, Spring
 * Cloud AWS's {@link SqsTemplate}, its {@link OutboxSettings} (the retry interval, under its own key) and
 * its {@link QueueNames}. The service's Flyway creates the table ({@link EventOutboxMigration}), and
 * {@link OutboxScriptAdoption} moves databases an older script of the service's created it in. Each bean backs
 * off when the service declares its own.
 */
@AutoConfiguration(
        after = {EventMessagingAutoConfiguration.class, DataSourceAutoConfiguration.class},
        afterName = "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration")
@ConditionalOnClass(SqsTemplate.class)
public class EventPublishingAutoConfiguration {

    @Bean
    @ConditionalOnBean({DataSource.class, SqsTemplate.class, OutboxSettings.class})
    @ConditionalOnMissingBean
    EventOutbox eventOutbox(
            DataSource dataSource, SqsTemplate sqs, OutboxSettings settings, ObjectProvider<Clock> clock) {
        return EventOutbox.on(dataSource, sqs, clock.getIfAvailable(Clock::systemUTC), settings.outboxRetryInterval());
    }

    @Bean
    @ConditionalOnBean({EventOutbox.class, EventJson.class, QueueNames.class})
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(EventOutbox outbox, EventJson eventJson, QueueNames queues) {
        return new EventPublisher(outbox, eventJson, queues);
    }

    /** Where the service has Flyway: databases an outbox script of its own migrated move onto the shared migration. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.flywaydb.core.api.callback.Callback")
    static class OutboxScripts {

        @Bean
        @ConditionalOnMissingBean
        OutboxScriptAdoption outboxScriptAdoption(ObjectProvider<JavaMigration> migrations) {
            return new OutboxScriptAdoption(() -> migrations.stream()
                    .filter(EventOutboxMigration.class::isInstance)
                    .map(EventOutboxMigration.class::cast)
                    .toList());
        }
    }
}
