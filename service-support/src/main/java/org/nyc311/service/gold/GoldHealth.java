package org.nyc311.service.gold;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.nyc311.service.health.DependencyHealth;

/**
 * The SQL warehouse over gold answers {@code SELECT 1}, on a connection of its own (not one of the gold
 * pool's, which readers wait for). Not required: a service serves what it stored while gold is away,
 * and work that needs gold waits for it.
 */
public class GoldHealth extends DependencyHealth {

    private final GoldConnectionSettings settings;

    public GoldHealth(GoldConnectionSettings settings, Duration timeout, Clock clock) {
        super("gold", withoutSecrets(settings.url()), false, timeout, clock);
        this.settings = settings;
    }

    @Override
    protected Map<String, Object> probe() throws Exception {
        Class.forName(settings.driverClassName());
        try (Connection connection =
                        DriverManager.getConnection(settings.url(), settings.username(), settings.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
            return Map.of();
        }
    }

    /** A Databricks JDBC URL may carry its token as {@code PWD=}: never show it. */
    static String withoutSecrets(String url) {
        int parameters = url.toLowerCase(java.util.Locale.ROOT).indexOf(";pwd=");
        return parameters < 0 ? url : url.substring(0, parameters) + ";PWD=***";
    }
}
