package org.nyc311.service.gold;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Opens the Hikari pool {@code gold} that a service reads gold through, kept apart from the service's
 * PostgreSQL DataSource (which stays Boot's only DataSource bean, for Flyway and JdbcTemplate). It is
 * deliberately not a Spring bean: the reader that opens it closes it.
 */
public final class GoldPool {

    /** The pool's name, and the {@code pool} tag of its {@code hikaricp_connections_*} meters. */
    public static final String NAME = "gold";

    private GoldPool() {}

    /**
     * A pool that starts without the warehouse (a service must come up, and serve what it has stored,
     * while gold is away), holds no idle connection it was not asked for, and checks connections with a
     * real query.
     */
    public static HikariDataSource open(GoldConnectionSettings settings, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(NAME);
        config.setDriverClassName(settings.driverClassName());
        config.setJdbcUrl(settings.url());
        if (settings.username() != null) {
            config.setUsername(settings.username());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        // handed to the driver with user and password on every connect. Hikari's DEBUG dump of its configuration
        // (com.zaxxer.hikari.HikariConfig) masks only "password" among them: the services keep that logger at INFO
        settings.connectionProperties().forEach(config::addDataSourceProperty);
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        // the Hive driver has no JDBC4 isValid worth trusting over HTTP: ask the server something real
        config.setConnectionTestQuery("SELECT 1");
        // start without the warehouse: the first connection is made when a reader asks for one
        config.setInitializationFailTimeout(-1);
        // the pool's own meters (hikaricp_connections_* with pool="gold"), next to the PostgreSQL pool's
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return new HikariDataSource(config);
    }
}
