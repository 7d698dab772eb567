package org.nyc311.anomaly.config;

import java.time.Duration;
import org.nyc311.service.gold.GoldConnectionSettings;
import org.nyc311.service.gold.SqlIdentifiers;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the actuals are read, under {@code nyc311.gold} (the same keys as forecast-service): the Hive
 * JDBC driver against local-sql-warehouse locally; a Databricks SQL warehouse is configuration only.
 *
 * @param schema           qualifier of the gold tables ({@code gold}, or {@code catalog.schema})
 * @param dailySeriesTable the daily series table within the schema
 */
@ConfigurationProperties("nyc311.gold")
public record GoldProperties(
        String driverClassName,
        String url,
        String username,
        String password,
        String schema,
        String dailySeriesTable,
        int maximumPoolSize,
        Duration connectionTimeout) implements GoldConnectionSettings {

    public GoldProperties {
        driverClassName = driverClassName == null ? "org.apache.kyuubi.jdbc.KyuubiHiveDriver" : driverClassName;
        schema = schema == null ? "gold" : schema;
        dailySeriesTable = dailySeriesTable == null ? "daily_series" : dailySeriesTable;
        maximumPoolSize = maximumPoolSize <= 0 ? 2 : maximumPoolSize;
        connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(30) : connectionTimeout;
        // table names cannot be bound as parameters: they are checked to be plain (dotted) identifiers instead
        SqlIdentifiers.requireQualifiedNames("nyc311.gold schema and table names", schema, dailySeriesTable);
    }

    public String dailySeries() {
        return schema + "." + dailySeriesTable;
    }
}
