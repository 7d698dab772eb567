package org.nyc311.forecastservice.gold;

import static org.nyc311.model.gold.GoldColumns.BOROUGH_KEY;
import static org.nyc311.model.gold.GoldColumns.COMPLAINT_TYPE;
import static org.nyc311.model.gold.GoldColumns.COMPLAINT_TYPE_KEY;
import static org.nyc311.model.gold.GoldColumns.COUNT;
import static org.nyc311.model.gold.GoldColumns.DATE;
import static org.nyc311.model.gold.GoldColumns.DAYS;
import static org.nyc311.model.gold.GoldColumns.FIRST_DATE;
import static org.nyc311.model.gold.GoldColumns.FORECASTABLE;
import static org.nyc311.model.gold.GoldColumns.LAST_DATE;
import static org.nyc311.model.gold.GoldColumns.LAST_NONZERO_DATE;
import static org.nyc311.model.gold.GoldColumns.LEVEL;
import static org.nyc311.model.gold.GoldColumns.MEAN_COUNT;
import static org.nyc311.model.gold.GoldColumns.SERIES_ID;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.model.series.DailyCount;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.service.gold.GoldPool;
import org.nyc311.service.gold.GoldProperties;
import org.nyc311.service.gold.GoldUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads gold over JDBC through its own Hikari pool ({@link GoldPool}): the Hive JDBC driver against local-sql-warehouse,
 * or the Databricks JDBC driver against a SQL warehouse. Every value goes in as a bound parameter;
 * the table names come from configuration and are checked identifiers ({@link GoldProperties}).
 *
 * <p>The pool is deliberately not a Spring {@code DataSource} bean: the service's own PostgreSQL
 * DataSource stays the only one Boot wires into Flyway and JdbcTemplate. Only read-only SELECTs go
 * here (the Thrift Server has no transactions, and reports 0 rows for any update).
 */
public class GoldWarehouse implements GoldReader {

    private static final Logger LOG = LoggerFactory.getLogger(GoldWarehouse.class);

    // column names are shared-model's GoldColumns, the ones delta-jobs writes
    private static final String CATALOG_COLUMNS = "SELECT "
            + String.join(
                    ", ",
                    SERIES_ID,
                    LEVEL,
                    COMPLAINT_TYPE_KEY,
                    COMPLAINT_TYPE,
                    BOROUGH_KEY,
                    asString(FIRST_DATE),
                    asString(LAST_DATE),
                    asString(LAST_NONZERO_DATE),
                    MEAN_COUNT,
                    DAYS,
                    FORECASTABLE)
            + " FROM ";

    private final GoldProperties properties;
    private final HikariDataSource pool;

    public GoldWarehouse(GoldProperties properties, io.micrometer.core.instrument.MeterRegistry registry) {
        this.properties = properties;
        // starts without the warehouse: the service must come up (and serve stored forecasts) while it is away
        this.pool = GoldPool.open(properties, registry);
    }

    /**
     * The catalog, optionally filtered by complaint type key and borough key, ordered by series id: its rows as the
     * API shows them, which is column for column as gold holds them.
     */
    @Override
    public List<SeriesView> catalog(Optional<String> complaintTypeKey, Optional<String> boroughKey) {
        // fixed SQL fragments per filter present; the values themselves are always bound
        List<String> values = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        complaintTypeKey.ifPresent(value -> {
            where.append(" AND " + COMPLAINT_TYPE_KEY + " = ?");
            values.add(value);
        });
        boroughKey.ifPresent(value -> {
            where.append(" AND " + BOROUGH_KEY + " = ?");
            values.add(value);
        });
        String sql = CATALOG_COLUMNS + properties.seriesCatalog() + where + " ORDER BY " + SERIES_ID;
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setString(i + 1, values.get(i));
            }
            List<SeriesView> entries = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entries.add(catalogEntry(rows));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new GoldUnavailableException("could not read the series catalog: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SeriesView> catalogEntry(SeriesKey key) {
        String sql = CATALOG_COLUMNS + properties.seriesCatalog() + " WHERE " + SERIES_ID + " = ?";
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.id());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(catalogEntry(rows));
            }
        } catch (SQLException e) {
            throw new GoldUnavailableException("could not read the series catalog: " + e.getMessage(), e);
        }
    }

    /**
     * Every forecastable series' counts up to {@code lastDate} (or gold's newest day when empty), at
     * most {@code historyDays} of them.
     */
    @Override
    public GoldSnapshot forecastableHistory(Optional<LocalDate> lastDate, long knownVersion) {
        LocalDate last = lastDate.orElseGet(this::newestDate);
        if (last == null) {
            return new GoldSnapshot(
                    knownVersion >= 0 ? knownVersion : version(), LocalDate.EPOCH, LocalDate.EPOCH, List.of());
        }
        LocalDate first = last.minusDays(properties.historyDays() - 1L);
        String sql = "SELECT s." + SERIES_ID + ", " + asString("s." + DATE) + ", s." + COUNT + " FROM "
                + properties.dailySeries()
                + " s JOIN " + properties.seriesCatalog() + " c ON c." + SERIES_ID + " = s." + SERIES_ID
                + " WHERE c." + FORECASTABLE + " AND s." + DATE + " >= CAST(? AS DATE) AND s." + DATE
                + " <= CAST(? AS DATE)"
                + " ORDER BY s." + SERIES_ID + ", s." + DATE;
        Map<String, Map<LocalDate, Double>> bySeries = new LinkedHashMap<>();
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, first.toString());
            statement.setString(2, last.toString());
            // years of days of thousands of series: fewer, larger fetches over HTTP (the Hive driver's default is 1000
            // rows)
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    bySeries.computeIfAbsent(rows.getString(1), id -> new LinkedHashMap<>())
                            .merge(date(rows, 2), (double) rows.getLong(3), Double::sum);
                }
            }
        } catch (SQLException e) {
            throw new GoldUnavailableException("could not read gold daily series: " + e.getMessage(), e);
        }
        List<SeriesHistory> series = new ArrayList<>();
        bySeries.forEach(
                (id, counts) -> SeriesHistory.fromCounts(id, counts, last).ifPresent(series::add));
        long version = knownVersion >= 0 ? knownVersion : version();
        return GoldSnapshot.of(version, last, series);
    }

    /** One series' counts, at most {@code historyDays} up to its last day; empty when gold has no such series. */
    @Override
    public Optional<SeriesHistory> history(SeriesKey key) {
        String sql = "SELECT " + asString(DATE) + ", " + COUNT + " FROM " + properties.dailySeries() + " WHERE "
                + SERIES_ID + " = ? ORDER BY 1";
        Map<LocalDate, Double> counts = new LinkedHashMap<>();
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key.id());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.merge(date(rows, 1), (double) rows.getLong(2), Double::sum);
                }
            }
        } catch (SQLException e) {
            throw new GoldUnavailableException("could not read gold daily series: " + e.getMessage(), e);
        }
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        LocalDate last = counts.keySet().stream().max(LocalDate::compareTo).orElseThrow();
        LocalDate first = last.minusDays(properties.historyDays() - 1L);
        counts.keySet().removeIf(day -> day.isBefore(first));
        return SeriesHistory.fromCounts(key.id(), counts, last);
    }

    /**
     * {@link #dailyCounts(SeriesKey, LocalDate, LocalDate)} for several series in one query, by series id in the
     * order asked; a series without a row in the window is absent.
     */
    @Override
    public Map<String, List<DailyCount>> dailyCounts(List<SeriesKey> keys, LocalDate from, LocalDate to) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT " + SERIES_ID + ", " + asString(DATE) + ", " + COUNT + " FROM " + properties.dailySeries()
                + " WHERE " + SERIES_ID + " IN (" + String.join(", ", Collections.nCopies(keys.size(), "?"))
                + ") AND " + DATE + " >= CAST(? AS DATE) AND " + DATE + " <= CAST(? AS DATE) ORDER BY 1, 2";
        Map<String, SeriesKey> keysById = new LinkedHashMap<>();
        Map<String, Map<LocalDate, Long>> counts = new LinkedHashMap<>();
        keys.forEach(key -> {
            keysById.put(key.id(), key);
            counts.put(key.id(), new TreeMap<>());
        });
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int p = 1;
            for (SeriesKey key : keys) {
                statement.setString(p++, key.id());
            }
            statement.setString(p++, from.toString());
            statement.setString(p, to.toString());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<LocalDate, Long> series = counts.get(rows.getString(1));
                    if (series != null) {
                        series.merge(date(rows, 2), rows.getLong(3), Long::sum);
                    }
                }
            }
        } catch (SQLException e) {
            throw new GoldUnavailableException("could not read gold daily series: " + e.getMessage(), e);
        }
        Map<String, List<DailyCount>> bySeries = new LinkedHashMap<>();
        keysById.forEach((id, key) -> {
            Map<LocalDate, Long> days = counts.getOrDefault(id, Map.of());
            if (!days.isEmpty()) {
                List<DailyCount> list = new ArrayList<>(days.size());
                days.forEach((day, count) -> list.add(new DailyCount(key, day, count)));
                bySeries.put(id, list);
            }
        });
        return bySeries;
    }

    /** The Delta version of the daily series table, -1 when the warehouse cannot tell (no Delta history). */
    @Override
    public long version() {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("DESCRIBE HISTORY " + properties.dailySeries() + " LIMIT 1")) {
            return rows.next() ? rows.getLong("version") : -1;
        } catch (SQLException e) {
            LOG.warn("could not read the Delta version of {}: {}", properties.dailySeries(), e.getMessage());
            return -1;
        }
    }

    private @Nullable LocalDate newestDate() {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT " + asString("max(" + DATE + ")") + " FROM " + properties.dailySeries())) {
            return rows.next() ? date(rows, 1) : null;
        } catch (SQLException e) {
            throw new GoldUnavailableException("could not read gold daily series: " + e.getMessage(), e);
        }
    }

    /** A date column selected as its ISO string (see {@link #date}). */
    private static String asString(String column) {
        return "CAST(" + column + " AS STRING)";
    }

    private static SeriesView catalogEntry(ResultSet rows) throws SQLException {
        return new SeriesView(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                date(rows, 6),
                date(rows, 7),
                date(rows, 8),
                rows.getDouble(9),
                rows.getLong(10),
                rows.getBoolean(11));
    }

    /**
     * Dates are selected as ISO strings: the Spark Thrift Server intermittently fails converting DATE
     * results ("LocalDate cannot be cast to java.sql.Date"), and a string reads the same from every driver.
     */
    private static @Nullable LocalDate date(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Date sqlDate) {
            return sqlDate.toLocalDate();
        }
        if (value instanceof LocalDate localDate) {
            return localDate;
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }

    @Override
    public void close() {
        pool.close();
    }
}
