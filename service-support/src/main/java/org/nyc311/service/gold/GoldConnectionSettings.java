package org.nyc311.service.gold;

import java.time.Duration;
import java.util.Map;

/**
 * What the gold pool needs to know, under each service's {@code nyc311.gold} keys. A service's own
 * {@code @ConfigurationProperties} record implements it with the accessors it already has.
 */
public interface GoldConnectionSettings {

    /** The JDBC driver class, loaded by Hikari (the Hive driver locally, Databricks' in production). */
    String driverClassName();

    /** The JDBC URL. */
    String url();

    /** User, if the driver wants one (Databricks: {@code token}); null for none. */
    String username();

    /** Password or personal access token, from the environment; null for none. */
    String password();

    /** Connections kept to the warehouse at most. */
    int maximumPoolSize();

    /** How long a caller waits for a connection. */
    Duration connectionTimeout();

    /**
     * Connection properties the driver is handed besides user and password, never in the URL (the Databricks
     * driver's OAuth M2M settings, whose secret the URL would show); none by default.
     */
    default Map<String, String> connectionProperties() {
        return Map.of();
    }
}
