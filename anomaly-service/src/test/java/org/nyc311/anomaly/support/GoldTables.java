package org.nyc311.anomaly.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nyc311.testsupport.warehouse.GoldTablesFixture;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;

/**
 * Gold tables made by SQL over JDBC in the warehouse (test-support's {@link GoldTablesFixture}, with the
 * names delta-jobs writes): two forecastable series of 16 weeks (a weekly pattern and seeded noise) ending
 * on {@link #LAST_DAY}, for forecast-service to train on; the test adds later actual days with {@link #addDays}.
 */
public final class GoldTables {

    public static final LocalDate LAST_DAY = LocalDate.of(2026, 4, 30);
    public static final String SPIKING = "noise-residential/brooklyn";
    public static final String STEADY = "all/brooklyn";
    private static final int DAYS = 112;

    private GoldTables() {}

    public static void create(LocalSqlWarehouseProcess warehouse) throws SQLException {
        List<String> rows = new ArrayList<>();
        counts(SPIKING).forEach((day, count) -> rows.add(row(SPIKING, day, count)));
        counts(STEADY).forEach((day, count) -> rows.add(row(STEADY, day, count)));
        GoldTablesFixture.create(warehouse, rows);
    }

    /** The counts {@link #create} writes for {@link #SPIKING} or {@link #STEADY}, by day. */
    public static Map<LocalDate, Long> counts(String seriesId) {
        return switch (seriesId) {
            case SPIKING -> GoldTablesFixture.weeklyCounts(SPIKING, 30, DAYS, LAST_DAY);
            case STEADY -> GoldTablesFixture.weeklyCounts(STEADY, 90, DAYS, LAST_DAY);
            default -> throw new IllegalArgumentException("not a series of the fixture: " + seriesId);
        };
    }

    /** Appends actual days: series id to (day to count). */
    public static void addDays(LocalSqlWarehouseProcess warehouse, Map<String, Map<LocalDate, Long>> days)
            throws SQLException {
        List<String> rows = new ArrayList<>();
        days.forEach((id, counts) -> counts.forEach((day, count) -> rows.add(row(id, day, count))));
        try (Connection connection = warehouse.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO " + GoldTablesFixture.DAILY_SERIES + " VALUES " + String.join(", ", rows));
        }
    }

    private static String row(String id, LocalDate day, long count) {
        String type = id.substring(0, id.indexOf('/'));
        String borough = id.substring(id.indexOf('/') + 1);
        String level = "all".equals(type) ? "borough" : "complaint_type_borough";
        String name = "all".equals(type) ? "All" : "Noise - Residential";
        return GoldTablesFixture.dailyRow(id, level, type, name, borough, day, count);
    }
}
