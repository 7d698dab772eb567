package org.nyc311.service.gold;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.gold.GoldTables;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where gold is read from, under {@code nyc311.gold}, the same keys in every service that reads it: a JDBC
 * driver, URL and the schema of the gold tables. Locally the Hive JDBC driver against local-sql-warehouse;
 * in production the Databricks JDBC driver against a SQL warehouse, e.g.
 * {@code driver-class-name: com.databricks.client.jdbc.Driver},
 * {@code url: jdbc:databricks://HOST:443/default;httpPath=/sql/1.0/warehouses/ID;AuthMech=3},
 * {@code schema: main.nyc311_gold}. Only configuration changes between the two. A service enables it with
 * {@code @EnableConfigurationProperties(GoldProperties.class)}; each default is set here and only here.
 *
 * @param driverClassName the JDBC driver class, loaded by Hikari (the Hive driver by default)
 * @param url the JDBC URL
 * @param username user, if the driver wants one (Databricks: {@code token})
 * @param password password or personal access token; from the environment, never committed
 * @param schema the qualifier of the gold tables: {@code gold}, or {@code catalog.schema} on Unity Catalog
 * @param dailySeriesTable the daily series table's name within the schema ({@link GoldTables#DAILY_SERIES})
 * @param seriesCatalogTable the series catalog table's name within the schema ({@link GoldTables#SERIES_CATALOG})
 * @param maximumPoolSize connections kept to the warehouse (2)
 * @param connectionTimeout how long a caller waits for a connection (30 s)
 * @param historyDays how many days of history a forecast fit sees at most, the newest ones (3 years); only
 *     forecast-service fits
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
        int historyDays)
        implements GoldConnectionSettings {

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
            int historyDays) {
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
    }

    /** The qualified name of the daily series table, for a FROM clause. */
    public String dailySeries() {
        return schema + "." + dailySeriesTable;
    }

    /** The qualified name of the series catalog table, for a FROM clause. */
    public String seriesCatalog() {
        return schema + "." + seriesCatalogTable;
    }
}
