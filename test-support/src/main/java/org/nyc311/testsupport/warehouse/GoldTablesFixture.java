package org.nyc311.testsupport.warehouse;

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

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.nyc311.model.gold.GoldTables;

/**
 * Gold's {@code daily_series} and {@code series_catalog} made by SQL over JDBC in the local warehouse, with
 * the names delta-jobs writes (shared-model's {@link GoldTables} and {@code GoldColumns}), for services
 * that read gold in their tests: {@link #createTables} once, insert daily rows ({@link #dailyRow} values),
 * then {@link #fillCatalog} derives the catalog from them as the gold job does (forecastable from 56 days).
 */
public final class GoldTablesFixture {

    /** The schema the tables are made in, as the services' {@code nyc311.gold.schema} default. */
    public static final String SCHEMA = "gold";

    public static final String DAILY_SERIES = SCHEMA + "." + GoldTables.DAILY_SERIES;
    public static final String SERIES_CATALOG = SCHEMA + "." + GoldTables.SERIES_CATALOG;

    private static final String KEYS =
            String.join(", ", SERIES_ID, LEVEL, COMPLAINT_TYPE_KEY, COMPLAINT_TYPE, BOROUGH_KEY);

    private GoldTablesFixture() {}

    /**
     * Makes the tables, fills {@code daily_series} with these rows ({@link #dailyRow} values) and derives the
     * catalog; does nothing when the tables are there already (another test of the same warehouse made them).
     *
     * @return whether it made them
     */
    public static synchronized boolean create(LocalSqlWarehouseProcess warehouse, List<String> dailyRows)
            throws SQLException {
        try (Connection connection = warehouse.connect();
                Statement sql = connection.createStatement()) {
            if (!createTables(sql, warehouse.lakeRoot())) {
                return false;
            }
            // over Thrift, executeUpdate reports 0 rows for an INSERT: a caller checks the count by a SELECT instead
            sql.execute("INSERT INTO " + DAILY_SERIES + " VALUES " + String.join(", ", dailyRows));
            fillCatalog(sql);
            return true;
        }
    }

    /**
     * A series' counts for {@code days} days ending on {@code lastDay}: {@code base} a day with a weekly pattern
     * (weekends busier) and noise seeded by the series id, since a pattern that repeats exactly would be
     * forecast with no error at all.
     */
    public static Map<LocalDate, Long> weeklyCounts(String seriesId, int base, int days, LocalDate lastDay) {
        Map<LocalDate, Long> counts = new LinkedHashMap<>();
        Random noise = new Random(seriesId.hashCode());
        LocalDate first = lastDay.minusDays(days - 1L);
        for (int i = 0; i < days; i++) {
            LocalDate day = first.plusDays(i);
            int weekday = day.getDayOfWeek().getValue();
            double weekly = weekday >= 6 ? 1.4 : 1.0 - 0.04 * weekday;
            counts.put(day, Math.max(0, Math.round(base * weekly + noise.nextGaussian() * Math.sqrt(base))));
        }
        return counts;
    }

    /** @return false when the tables were there already (another test of the same warehouse made them) */
    public static boolean createTables(Statement sql, String lakeRoot) throws SQLException {
        if (sql.executeQuery("SHOW TABLES IN " + SCHEMA + " LIKE '" + GoldTables.DAILY_SERIES + "'")
                .next()) {
            return false;
        }
        sql.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
        for (String statement : createTableStatements(lakeRoot)) {
            sql.execute(statement);
        }
        return true;
    }

    /** The two CREATE TABLE statements, for a script (fault-tests send theirs through BeeLine). */
    public static List<String> createTableStatements(String lakeRoot) {
        String lake = lakeRoot.replaceAll("/$", "");
        String keyColumns =
                String.join(" STRING, ", List.of(SERIES_ID, LEVEL, COMPLAINT_TYPE_KEY, COMPLAINT_TYPE, BOROUGH_KEY))
                        + " STRING";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + DAILY_SERIES + " (" + keyColumns + ", " + DATE + " DATE, " + COUNT
                        + " BIGINT) " + "USING delta LOCATION '" + lake + "/gold/" + GoldTables.DAILY_SERIES + "'",
                "CREATE TABLE IF NOT EXISTS " + SERIES_CATALOG + " (" + keyColumns + ", " + FIRST_DATE + " DATE, "
                        + LAST_DATE
                        + " DATE, " + LAST_NONZERO_DATE + " DATE, " + MEAN_COUNT + " DOUBLE, " + DAYS + " BIGINT, "
                        + FORECASTABLE
                        + " BOOLEAN) USING delta LOCATION '" + lake + "/gold/" + GoldTables.SERIES_CATALOG + "'");
    }

    /** One {@code daily_series} row as SQL values, for {@code INSERT INTO ... VALUES}. */
    public static String dailyRow(
            String seriesId, String level, String typeKey, String type, String boroughKey, LocalDate day, long count) {
        return String.format(
                Locale.ROOT,
                "('%s', '%s', '%s', '%s', '%s', DATE'%s', %d)",
                seriesId,
                level,
                typeKey,
                type,
                boroughKey,
                day,
                count);
    }

    /** The catalog of what {@code daily_series} holds, as the gold job derives it. */
    public static void fillCatalog(Statement sql) throws SQLException {
        sql.execute(fillCatalogStatement());
    }

    /** The INSERT of {@link #fillCatalog}, for a script. */
    public static String fillCatalogStatement() {
        return "INSERT INTO " + SERIES_CATALOG + " SELECT " + KEYS + ", min(" + DATE + "), max(" + DATE
                + "), max(CASE WHEN "
                + COUNT + " > 0 THEN " + DATE + " END), avg(" + COUNT + "), count(1), count(1) >= 56 FROM "
                + DAILY_SERIES
                + " GROUP BY " + KEYS;
    }
}
