package org.nyc311.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.nyc311.model.event.EventJson;
import org.nyc311.service.messaging.QueueNames;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A service declares its settings and queue names; the outbox and the publisher come from here. */
class EventPublishingAutoConfigurationTest {

    private record Settings(Duration outboxRetryInterval) implements OutboxSettings {}

    private record Queues(String forecastsPublished) implements QueueNames {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventPublishingAutoConfiguration.class))
            .withBean(DataSource.class, () -> mock(DataSource.class))
            .withBean(SqsTemplate.class, () -> mock(SqsTemplate.class))
            .withBean(EventJson.class, EventJson::new);

    @Test
    void withSettingsAndQueueNamesTheServiceGetsItsOutboxAndPublisher() {
        context.withBean(Settings.class, () -> new Settings(Duration.ofHours(1)))
                .withBean(Queues.class, () -> new Queues("prod-forecasts"))
                .run(started -> {
                    assertThat(started).hasSingleBean(EventOutbox.class).hasSingleBean(EventPublisher.class);
                    assertThat(started.getBean(EventPublisher.class).queues().all())
                            .containsExactly("prod-forecasts");
                });
    }

    @Test
    void withoutSettingsThereIsNoOutboxAndWithoutQueueNamesNoPublisher() {
        context.withBean(Queues.class, () -> new Queues("q")).run(started -> {
            assertThat(started).doesNotHaveBean(EventOutbox.class);
            assertThat(started).doesNotHaveBean(EventPublisher.class);
        });
        context.withBean(Settings.class, () -> new Settings(Duration.ofHours(1)))
                .run(started -> {
                    assertThat(started).hasSingleBean(EventOutbox.class);
                    assertThat(started).doesNotHaveBean(EventPublisher.class);
                });
    }

    /** The adoption is one of Flyway's callbacks, beside the migration the service declared as any Java migration. */
    @Test
    void withFlywayTheServiceGetsTheOutboxScriptAdoptionAsACallback() {
        EventOutboxMigration migration =
                EventOutboxMigration.atVersion("6").replacingScript("V6__event_outbox.sql", "-- the service's script");
        context.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withBean(JavaMigration.class, () -> migration)
                .withBean(FlywayMigrationStrategy.class, () -> flyway -> {})
                .run(started -> {
                    Flyway flyway = started.getBean(Flyway.class);
                    assertThat(flyway.getConfiguration().getCallbacks())
                            .containsExactly(started.getBean(OutboxScriptAdoption.class));
                    assertThat(flyway.getConfiguration().getJavaMigrations()).containsExactly(migration);
                });
    }
}
