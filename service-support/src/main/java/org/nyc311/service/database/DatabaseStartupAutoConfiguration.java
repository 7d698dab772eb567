package org.nyc311.service.database;

import java.time.Clock;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Every service with Flyway waits for its PostgreSQL at start-up instead of exiting: {@link DatabaseStartupGate}. */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass({Flyway.class, FlywayMigrationStrategy.class})
@ConditionalOnProperty(prefix = "spring.flyway", name = "enabled", matchIfMissing = true)
public class DatabaseStartupAutoConfiguration {

    /** The longest wait between two tries: a line in the log every few seconds, and a quick start once it is back. */
    static final Duration MAX_INTERVAL = Duration.ofSeconds(5);

    @Bean
    @ConditionalOnMissingBean(FlywayMigrationStrategy.class)
    DatabaseStartupGate databaseStartupGate(Environment environment) {
        return new DatabaseStartupGate(
                environment.getProperty("spring.datasource.url", "the configured DataSource"),
                MAX_INTERVAL,
                Clock.systemUTC());
    }
}
