package org.nyc311.forecastservice.support;

import java.sql.Connection;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gold tables made by SQL over JDBC in the warehouse, with the columns delta-jobs writes
 * ({@code GoldColumns}): four forecastable series of 16 weeks with a weekly pattern and Poisson-like noise, and one series
 * too short to forecast.
 */
public final class GoldFixture {

    public static final LocalDate LAST_DAY = LocalDate.of(2026, 4, 30);
    public static final int DAYS = 112;
    public static final List<String> FORECASTABLE = List.of("all/all", "all/brooklyn", "noise-residential/brooklyn",
            "noise-residential/queens");
    public static final String TOO_SHORT = "paint-plaster/bronx";

    private GoldFixture() {
    }

    public static synchronized void create(LocalSqlWarehouseProcess warehouse) throws SQLException {
        try (Connection connection = warehouse.connect(); Statement sql = connection.createStatement()) {
            if (sql.executeQuery("SHOW TABLES IN gold LIKE 'daily_series'").next()) {
                return;
            }
            String lake = warehouse.lakeRoot().replaceAll("/$", "");
            sql.execute("CREATE TABLE IF NOT EXISTS gold.daily_series (series_id STRING, level STRING, complaint_type_key STRING, "
                    + "complaint_type STRING, borough_key STRING, date DATE, count BIGINT) USING delta LOCATION '"
                    + lake + "/gold/daily_series'");
            sql.execute("CREATE TABLE IF NOT EXISTS gold.series_catalog (series_id STRING, level STRING, complaint_type_key STRING, "
                    + "complaint_type STRING, borough_key STRING, first_date DATE, last_date DATE, last_nonzero_date DATE, "
                    + "mean_count DOUBLE, days BIGINT, forecastable BOOLEAN) USING delta LOCATION '" + lake + "/gold/series_catalog'");
            List<String> rows = new ArrayList<>();
            rows.addAll(series("noise-residential/brooklyn", "complaint_type_borough", "noise-residential", "Noise - Residential",
                    "brooklyn"));
            rows.addAll(series("noise-residential/queens", "complaint_type_borough", "noise-residential", "Noise - Residential",
                    "queens"));
            rows.addAll(series("all/brooklyn", "borough", "all", "All", "brooklyn"));
            rows.addAll(series("all/all", "citywide", "all", "All", "all"));
            rows.addAll(series(TOO_SHORT, "complaint_type_borough", "paint-plaster", "Paint/Plaster", "bronx"));
            // over Thrift, executeUpdate reports 0 rows for an INSERT: the count is checked by a SELECT instead
            sql.execute("INSERT INTO gold.daily_series VALUES " + String.join(", ", rows));
            sql.execute("INSERT INTO gold.series_catalog SELECT series_id, level, complaint_type_key, complaint_type, borough_key, "
                    + "min(date), max(date), max(CASE WHEN count > 0 THEN date END), avg(count), count(1), count(1) >= 56 "
                    + "FROM gold.daily_series GROUP BY series_id, level, complaint_type_key, complaint_type, borough_key");
            var count = sql.executeQuery("SELECT count(1) FROM gold.daily_series");
            count.next();
            if (count.getLong(1) != rows.size()) {
                throw new IllegalStateException("gold.daily_series has " + count.getLong(1) + " rows, expected " + rows.size());
            }
        }
    }

    /** The counts {@link #create} writes for a series of the fixture, by day, so that tests can check them exactly. */
    public static java.util.Map<LocalDate, Long> counts(String seriesId) {
        return switch (seriesId) {
            case "noise-residential/brooklyn" -> counts(seriesId, 30, DAYS);
            case "noise-residential/queens" -> counts(seriesId, 12, DAYS);
            case "all/brooklyn" -> counts(seriesId, 90, DAYS);
            case "all/all" -> counts(seriesId, 400, DAYS);
            case TOO_SHORT -> counts(seriesId, 2, 20);
            default -> throw new IllegalArgumentException("not a series of the fixture: " + seriesId);
        };
    }

    private static List<String> series(String id, String level, String typeKey, String type, String borough) {
        List<String> rows = new ArrayList<>();
        counts(id).forEach((day, count) -> rows.add(String.format(Locale.ROOT, "('%s', '%s', '%s', '%s', '%s', DATE'%s', %d)",
                id, level, typeKey, type, borough, day, count)));
        return rows;
    }

    /** A weekly pattern (weekends busier) with a deterministic wobble, ending on {@link #LAST_DAY}. */
    private static java.util.Map<LocalDate, Long> counts(String id, int base, int days) {
        java.util.Map<LocalDate, Long> counts = new java.util.LinkedHashMap<>();
        // seeded noise: a pattern that repeats exactly would be forecast with no error at all
        java.util.Random noise = new java.util.Random(id.hashCode());
        LocalDate first = LAST_DAY.minusDays(days - 1L);
        for (int i = 0; i < days; i++) {
            LocalDate day = first.plusDays(i);
            int weekday = day.getDayOfWeek().getValue();
            double weekly = weekday >= 6 ? 1.4 : 1.0 - 0.04 * weekday;
            counts.put(day, Math.max(0, Math.round(base * weekly + noise.nextGaussian() * Math.sqrt(base))));
        }
        return counts;
    }
}
