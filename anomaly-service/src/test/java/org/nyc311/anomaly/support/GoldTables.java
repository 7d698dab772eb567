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
 * names delta-jobs writes): two
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
            if (!GoldTablesFixture.createTables(sql, warehouse.lakeRoot())) {
                return;
            }
            List<String> rows = new ArrayList<>();
            rows.addAll(history(SPIKING, 30));
            rows.addAll(history(STEADY, 90));
            sql.execute("INSERT INTO " + GoldTablesFixture.DAILY_SERIES + " VALUES " + String.join(", ", rows));
            GoldTablesFixture.fillCatalog(sql);
        }
    }

    /** Appends actual days: series id to (day to count). */
    public static void addDays(LocalSqlWarehouseProcess warehouse, Map<String, Map<LocalDate, Long>> days) throws SQLException {
        List<String> rows = new ArrayList<>();
        days.forEach((id, counts) -> counts.forEach((day, count) -> rows.add(row(id, day, count))));
        try (Connection connection = warehouse.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO " + GoldTablesFixture.DAILY_SERIES + " VALUES " + String.join(", ", rows));
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
        return GoldTablesFixture.dailyRow(id, level, type, name, borough, day, count);
    }
}
