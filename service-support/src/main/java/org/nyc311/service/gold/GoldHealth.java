package org.nyc311.service.gold;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.nyc311.service.health.DependencyHealth;

/**
 * The SQL warehouse over gold answers {@code SELECT 1}, on a connection of its own (not one of the gold
 * pool's, which readers wait for). Not required: a service serves what it stored while gold is away,
 * and work that needs gold waits for it.
 */
public class GoldHealth extends DependencyHealth {

    /**
     * A URL parameter that may carry a credential, any case, up to the next {@code ;}: any name with pwd, password,
     * secret or token in it ({@code PWD}, {@code OAuth2Secret}, {@code Auth_AccessToken}, {@code OAuthRefreshToken},
     * {@code ProxyPwd}, {@code SSLTrustStorePwd}, ...) and any header the driver is told to send
     * ({@code http.header.*}). Masked by the shape of the name rather than a list, so that a credential the list
     * did not know stays hidden too.
     */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)(;\\s*(?:[^;=]*(?:pwd|password|secret|token)[^;=]*|http\\.header\\.[^;=]*)\\s*=)[^;]*");

    private final GoldConnectionSettings settings;

    public GoldHealth(GoldConnectionSettings settings, Duration timeout, Clock clock) {
        super("gold", withoutSecrets(settings.url()), false, timeout, clock);
        this.settings = settings;
    }

    @Override
    protected Map<String, Object> probe() throws Exception {
        Class.forName(settings.driverClassName());
        try (Connection connection = DriverManager.getConnection(settings.url(), connectionProperties());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
            return Map.of();
        }
    }

    /** What the pool hands the driver: user and password if set, and the settings' connection properties. */
    private Properties connectionProperties() {
        Properties properties = new Properties();
        if (settings.username() != null) {
            properties.setProperty("user", settings.username());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.putAll(settings.connectionProperties());
        return properties;
    }

    /**
     * A Databricks JDBC URL may carry a token ({@code PWD=}) or an OAuth secret ({@code OAuth2Secret=}): never show
     * their values. The client pair of {@code nyc311.gold.databricks} is never in the URL.
     */
    static String withoutSecrets(String url) {
        return SECRET_PARAMETER.matcher(url).replaceAll("$1***");
    }
}
