package org.nyc311.anomaly.gold;

import static org.nyc311.model.gold.GoldColumns.COUNT;
import static org.nyc311.model.gold.GoldColumns.DATE;
import static org.nyc311.model.gold.GoldColumns.SERIES_ID;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.nyc311.service.gold.GoldPool;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.service.gold.GoldUnavailableException;

/**
 * Reads actual daily counts from gold over JDBC through its own Hikari pool ({@link GoldPool}), kept apart from the
 * service's PostgreSQL DataSource (which stays Boot's only DataSource bean, for Flyway and JdbcTemplate).
 * Read-only, parameterised SELECTs; the table name comes from checked configuration.
 */
public class WarehouseActuals implements GoldActuals {

    private final GoldProperties properties;
    private final HikariDataSource pool;

    public WarehouseActuals(GoldProperties properties, MeterRegistry registry) {
        this.properties = properties;
        // starts without the warehouse: the REST API must serve recorded anomalies while it is away
        this.pool = GoldPool.open(properties, registry);
    }

    @Override
    public Map<String, TreeMap<LocalDate, Long>> since(LocalDate from) {
        // dates as strings: the Spark Thrift Server intermittently fails converting DATE results
        // column names are shared-model's GoldColumns, the ones delta-jobs writes
        String sql = "SELECT " + SERIES_ID + ", CAST(" + DATE + " AS STRING), " + COUNT + " FROM "
                + properties.dailySeries() + " WHERE " + DATE + " >= CAST(? AS DATE)";
        Map<String, TreeMap<LocalDate, Long>> bySeries = new HashMap<>();
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, from.toString());
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    LocalDate day = LocalDate.parse(rows.getString(2).substring(0, 10));
                    bySeries.computeIfAbsent(rows.getString(1), id -> new TreeMap<>())
                            .merge(day, rows.getLong(3), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new GoldUnavailableException("could not read gold daily series: " + e.getMessage(), e);
        }
        return bySeries;
    }

    @Override
    public void close() {
        pool.close();
    }
}
