package org.nyc311.forecastservice.config;

import java.time.Duration;
import org.nyc311.service.gold.GoldConnectionSettings;
import org.nyc311.service.gold.SqlIdentifiers;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where gold is read from, under {@code nyc311.gold}: a JDBC driver, URL and the schema of the gold
 * tables. Locally the Hive JDBC driver against local-sql-warehouse; in production the Databricks JDBC
 * driver against a SQL warehouse, e.g. {@code driver-class-name: com.databricks.client.jdbc.Driver},
 * {@code url: jdbc:databricks://HOST:443/default;httpPath=/sql/1.0/warehouses/ID;AuthMech=3},
 * {@code schema: main.nyc311_gold}. Only configuration changes between the two.
 *
 * @param driverClassName the JDBC driver class, loaded by Hikari
 * @param url the JDBC URL
 * @param username user, if the driver wants one (Databricks: {@code token})
 * @param password password or personal access token; from the environment, never committed
 * @param schema the qualifier of the gold tables: {@code gold}, or {@code catalog.schema} on Unity Catalog
 * @param dailySeriesTable the daily series table's name within the schema
 * @param seriesCatalogTable the series catalog table's name within the schema
 * @param maximumPoolSize connections kept to the warehouse
 * @param connectionTimeout how long a caller waits for a connection
 * @param historyDays how many days of history a fit sees at most (the newest ones)
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
        int historyDays) implements GoldConnectionSettings {

    public GoldProperties {
        driverClassName = driverClassName == null ? "org.apache.kyuubi.jdbc.KyuubiHiveDriver" : driverClassName;
        schema = schema == null ? "gold" : schema;
        dailySeriesTable = dailySeriesTable == null ? "daily_series" : dailySeriesTable;
        seriesCatalogTable = seriesCatalogTable == null ? "series_catalog" : seriesCatalogTable;
        maximumPoolSize = maximumPoolSize <= 0 ? 4 : maximumPoolSize;
        connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(30) : connectionTimeout;
        historyDays = historyDays <= 0 ? 3 * 365 : historyDays;
        // table names cannot be bound as parameters: they are checked to be plain (dotted) identifiers instead
        SqlIdentifiers.requireQualifiedNames("nyc311.gold schema and table names", schema, dailySeriesTable, seriesCatalogTable);
    }

    public String dailySeries() {
        return schema + "." + dailySeriesTable;
    }

    public String seriesCatalog() {
        return schema + "." + seriesCatalogTable;
    }
}
