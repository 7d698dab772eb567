package org.nyc311.anomaly.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;

/**
 * Gold tables made by SQL over JDBC in the warehouse, with the columns delta-jobs writes: two
 * forecastable series of 16 weeks (a weekly pattern and seeded noise) ending on {@link #LAST_DAY},
 * for forecast-service to train on; the test adds later actual days with {@link #addDays}.
 */
public final class GoldTables {

    public static final LocalDate LAST_DAY = LocalDate.of(2026, 4, 30);
    public static final String SPIKING = "noise-residential/brooklyn";
    public static final String STEADY = "all/brooklyn";
    private static final int DAYS = 112;

    private GoldTables() {
    }

    public static synchronized void create(LocalSqlWarehouseProcess warehouse) throws SQLException {
        try (Connection connection = warehouse.connect(); Statement sql = connection.createStatement()) {
            if (sql.executeQuery("SHOW TABLES IN gold LIKE 'daily_series'").next()) {
                return;
            }
            String lake = warehouse.lakeRoot().replaceAll("/$", "");
            sql.execute("CREATE DATABASE IF NOT EXISTS gold");
            sql.execute("CREATE TABLE IF NOT EXISTS gold.daily_series (series_id STRING, level STRING, complaint_type_key STRING, "
                    + "complaint_type STRING, borough_key STRING, date DATE, count BIGINT) USING delta LOCATION '"
                    + lake + "/gold/daily_series'");
            sql.execute("CREATE TABLE IF NOT EXISTS gold.series_catalog (series_id STRING, level STRING, complaint_type_key STRING, "
                    + "complaint_type STRING, borough_key STRING, first_date DATE, last_date DATE, last_nonzero_date DATE, "
                    + "mean_count DOUBLE, days BIGINT, forecastable BOOLEAN) USING delta LOCATION '" + lake + "/gold/series_catalog'");
            List<String> rows = new ArrayList<>();
            rows.addAll(history(SPIKING, 30));
            rows.addAll(history(STEADY, 90));
            sql.execute("INSERT INTO gold.daily_series VALUES " + String.join(", ", rows));
            sql.execute("INSERT INTO gold.series_catalog SELECT series_id, level, complaint_type_key, complaint_type, borough_key, "
                    + "min(date), max(date), max(CASE WHEN count > 0 THEN date END), avg(count), count(1), count(1) >= 56 "
                    + "FROM gold.daily_series GROUP BY series_id, level, complaint_type_key, complaint_type, borough_key");
        }
    }

    /** Appends actual days: series id to (day to count). */
    public static void addDays(LocalSqlWarehouseProcess warehouse, Map<String, Map<LocalDate, Long>> days) throws SQLException {
        List<String> rows = new ArrayList<>();
        days.forEach((id, counts) -> counts.forEach((day, count) -> rows.add(row(id, day, count))));
        try (Connection connection = warehouse.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO gold.daily_series VALUES " + String.join(", ", rows));
        }
    }

    private static List<String> history(String id, int base) {
        List<String> rows = new ArrayList<>();
        java.util.Random noise = new java.util.Random(id.hashCode());
        LocalDate first = LAST_DAY.minusDays(DAYS - 1L);
        for (int i = 0; i < DAYS; i++) {
            LocalDate day = first.plusDays(i);
            int weekday = day.getDayOfWeek().getValue();
            double weekly = weekday >= 6 ? 1.4 : 1.0 - 0.04 * weekday;
            rows.add(row(id, day, Math.max(0, Math.round(base * weekly + noise.nextGaussian() * Math.sqrt(base)))));
        }
        return rows;
    }

    private static String row(String id, LocalDate day, long count) {
        String type = id.substring(0, id.indexOf('/'));
        String borough = id.substring(id.indexOf('/') + 1);
        String level = "all".equals(type) ? "borough" : "complaint_type_borough";
        String name = "all".equals(type) ? "All" : "Noise - Residential";
        return String.format(Locale.ROOT, "('%s', '%s', '%s', '%s', '%s', DATE'%s', %d)", id, level, type, name, borough, day, count);
    }
}
