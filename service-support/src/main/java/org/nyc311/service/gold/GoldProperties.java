package org.nyc311.service.gold;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.gold.GoldTables;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where gold is read from, under {@code nyc311.gold}, the same keys in every service that reads it: a JDBC
 * driver, URL and the schema of the gold tables. Locally the Hive JDBC driver against local-sql-warehouse;
 * in production the Databricks JDBC driver against a SQL warehouse, e.g.
 * {@code driver-class-name: com.databricks.client.jdbc.Driver},
 * {@code url: jdbc:databricks://HOST:443/default;httpPath=/sql/1.0/warehouses/ID}, signed in as the service's
 * own service principal ({@code databricks.client-id} and {@code databricks.client-secret}, OAuth M2M), or with
 * {@code username: token} and a personal access token as {@code password} for development;
 * {@code schema: main.nyc311_gold}. Only configuration changes between the two. A service enables it with
 * {@code @EnableConfigurationProperties(GoldProperties.class)}; each default is set here and only here.
 *
 * @param driverClassName the JDBC driver class, loaded by Hikari (the Hive driver by default)
 * @param url the JDBC URL; with a client id and secret it names no credentials ({@link Databricks})
 * @param username user, if the driver wants one (Databricks with a personal access token: {@code token})
 * @param password password or personal access token; from the environment, never committed
 * @param schema the qualifier of the gold tables: {@code gold}, or {@code catalog.schema} on Unity Catalog
 * @param dailySeriesTable the daily series table's name within the schema ({@link GoldTables#DAILY_SERIES})
 * @param seriesCatalogTable the series catalog table's name within the schema ({@link GoldTables#SERIES_CATALOG})
 * @param maximumPoolSize connections kept to the warehouse (2)
 * @param connectionTimeout how long a caller waits for a connection (30 s)
 * @param historyDays how many days of history a forecast fit sees at most, the newest ones (3 years); only
 *     forecast-service fits
 * @param databricks the service principal the Databricks JDBC driver signs in as (none by default)
 */
@ConfigurationProperties("nyc311.gold")
public record GoldProperties(
        String driverClassName,
        String url,
        String username,
        String password,
        String schema,
        String dailySeriesTable,
        String seriesCatalogTable,
        int maximumPoolSize,
        Duration connectionTimeout,
        int historyDays,
        Databricks databricks)
        implements GoldConnectionSettings {

    /** The Databricks JDBC driver's class, the only driver that signs in with {@link Databricks}' client pair. */
    public static final String DATABRICKS_DRIVER = "com.databricks.client.jdbc.Driver";

    public GoldProperties(
            @Nullable String driverClassName,
            String url,
            String username,
            String password,
            @Nullable String schema,
            @Nullable String dailySeriesTable,
            @Nullable String seriesCatalogTable,
            int maximumPoolSize,
            @Nullable Duration connectionTimeout,
            int historyDays,
            @Nullable Databricks databricks) {
        this.driverClassName = driverClassName == null ? "org.apache.kyuubi.jdbc.KyuubiHiveDriver" : driverClassName;
        this.schema = schema == null ? "gold" : schema;
        this.dailySeriesTable = dailySeriesTable == null ? GoldTables.DAILY_SERIES : dailySeriesTable;
        this.seriesCatalogTable = seriesCatalogTable == null ? GoldTables.SERIES_CATALOG : seriesCatalogTable;
        this.maximumPoolSize = maximumPoolSize <= 0 ? 2 : maximumPoolSize;
        this.connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(30) : connectionTimeout;
        this.historyDays = historyDays <= 0 ? 3 * 365 : historyDays;
        // table names cannot be bound as parameters: they are checked to be plain (dotted) identifiers instead
        SqlIdentifiers.requireQualifiedNames(
                "nyc311.gold schema and table names", this.schema, this.dailySeriesTable, this.seriesCatalogTable);
        this.url = url;
        this.username = username;
        this.password = password;
        this.databricks = databricks == null ? new Databricks(null, null) : databricks;
        this.databricks.check(this.driverClassName, url, password);
    }

    /** The Databricks driver's OAuth M2M settings when a client pair is set, none otherwise. */
    @Override
    public Map<String, String> connectionProperties() {
        return databricks.connectionProperties();
    }

    /** Never the password: a record's own {@code toString} would print it wherever the settings are logged. */
    @Override
    public String toString() {
        return "GoldProperties[driverClassName=" + driverClassName + ", url="
                + (url == null ? null : GoldHealth.withoutSecrets(url))
                + ", username=" + username + ", password=" + (password == null || password.isEmpty() ? "none" : "***")
                + ", schema=" + schema + ", dailySeriesTable=" + dailySeriesTable + ", seriesCatalogTable="
                + seriesCatalogTable + ", maximumPoolSize=" + maximumPoolSize + ", connectionTimeout="
                + connectionTimeout + ", historyDays=" + historyDays + ", databricks=" + databricks + "]";
    }

    /** The qualified name of the daily series table, for a FROM clause. */
    public String dailySeries() {
        return schema + "." + dailySeriesTable;
    }

    /** The qualified name of the series catalog table, for a FROM clause. */
    public String seriesCatalog() {
        return schema + "." + seriesCatalogTable;
    }

    /**
     * The Databricks JDBC driver signed in as a service principal, OAuth machine to machine, under
     * {@code nyc311.gold.databricks}: production's way, one principal per service, its client id and secret from
     * Secrets Manager. The driver is handed them as connection properties ({@code AuthMech=11}, {@code Auth_Flow=1},
     * {@code OAuth2ClientId}, {@code OAuth2Secret}: the OSS driver's names), never in the URL, which the health
     * shows; it then asks the workspace's token endpoint for an hour-long token ({@code client_credentials}, scope
     * {@code all-apis}) and sends it as a bearer on its SQL calls.
     *
     * <p>A personal access token ({@code nyc311.gold.username} {@code token}, {@code nyc311.gold.password}) stays
     * possible for development, with the same rules as service-support's {@code DatabricksCredentials}: a client id
     * without its secret, or a client pair and a token, refuse to start and name the settings rather than the driver
     * picking one. So does a pair with another driver (which would ignore it), or with a URL that names a sign-in
     * of its own ({@code AuthMech}, {@code PWD}...: the driver prefers the URL's to the properties).
     *
     * @param clientId the service principal's application (client) id
     * @param clientSecret the service principal's OAuth secret
     */
    public record Databricks(
            @Nullable String clientId, @Nullable String clientSecret) {

        private static final String PREFIX = "nyc311.gold.databricks";

        /** What the client pair sets, lower-cased as the driver compares them; a URL must not set them too. */
        private static final List<String> SIGN_IN_PARAMETERS =
                List.of("authmech", "auth_flow", "oauth2clientid", "oauth2secret", "pwd");

        /** Whether a service principal is set: then the driver signs in with OAuth M2M. */
        public boolean isSet() {
            return isSet(clientId) || isSet(clientSecret);
        }

        /** The driver's OAuth M2M connection properties, in the order the driver documents them; none if unset. */
        Map<String, String> connectionProperties() {
            String id = clientId;
            String secret = clientSecret;
            // blank is unset, as an empty ${...:} placeholder leaves them
            if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
                return Map.of();
            }
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("AuthMech", "11");
            properties.put("Auth_Flow", "1");
            properties.put("OAuth2ClientId", id);
            properties.put("OAuth2Secret", secret);
            return properties;
        }

        /** Never the secret: a record's own {@code toString} would print it wherever the settings are logged. */
        @Override
        public String toString() {
            return "Databricks[clientId=" + clientId + ", clientSecret=" + (isSet(clientSecret) ? "***" : "none") + "]";
        }

        /**
         * Refuses settings that would not sign in as they say.
         *
         * @throws IllegalStateException naming the settings
         */
        void check(String driverClassName, @Nullable String url, @Nullable String password) {
            if (!isSet()) {
                return;
            }
            String pair = PREFIX + ".client-id and " + PREFIX + ".client-secret";
            if (!isSet(clientId) || !isSet(clientSecret)) {
                throw new IllegalStateException("set both " + pair + " for OAuth M2M; only "
                        + (isSet(clientId) ? "client-id" : "client-secret") + " is set");
            }
            if (isSet(password)) {
                throw new IllegalStateException("set either " + pair
                        + " (OAuth M2M for a service principal) or nyc311.gold.password (a personal access token,"
                        + " for development), not both");
            }
            if (!DATABRICKS_DRIVER.equals(driverClassName)) {
                throw new IllegalStateException(pair + " sign in with the Databricks JDBC driver: set"
                        + " nyc311.gold.driver-class-name to " + DATABRICKS_DRIVER + ", not " + driverClassName);
            }
            List<String> named = urlParameters(url).stream()
                    .filter(SIGN_IN_PARAMETERS::contains)
                    .toList();
            if (!named.isEmpty()) {
                throw new IllegalStateException("nyc311.gold.url names " + String.join(", ", named) + ", which the"
                        + " driver would prefer to " + pair + ": remove them from the URL");
            }
        }

        /** The names of a {@code jdbc:databricks://host:port/schema;name=value;...} URL's parameters, lower-cased. */
        private static List<String> urlParameters(@Nullable String url) {
            if (url == null) {
                return List.of();
            }
            return Arrays.stream(url.split(";"))
                    .skip(1)
                    .map(parameter -> parameter.split("=", 2)[0].trim().toLowerCase(Locale.ROOT))
                    .toList();
        }

        private static boolean isSet(@Nullable String value) {
            return value != null && !value.isBlank();
        }
    }
}
