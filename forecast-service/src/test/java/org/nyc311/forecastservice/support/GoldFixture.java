package org.nyc311.forecastservice.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.nyc311.testsupport.warehouse.GoldTablesFixture;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;

/**
 * Gold tables made by SQL over JDBC in the warehouse (test-support's {@link GoldTablesFixture}, with the
 * names delta-jobs writes): four forecastable series of 16 weeks with a weekly pattern and Poisson-like noise, and one series
 * too short to forecast.
 */
public final class GoldFixture {

    public static final LocalDate LAST_DAY = LocalDate.of(2026, 4, 30);
    public static final int DAYS = 112;
    public static final List<String> FORECASTABLE =
            List.of("all/all", "all/brooklyn", "noise-residential/brooklyn", "noise-residential/queens");
    public static final String TOO_SHORT = "paint-plaster/bronx";

    private GoldFixture() {}

    public static synchronized void create(LocalSqlWarehouseProcess warehouse) throws SQLException {
        List<String> rows = new ArrayList<>();
        rows.addAll(series(
                "noise-residential/brooklyn",
                "complaint_type_borough",
                "noise-residential",
                "Noise - Residential",
                "brooklyn"));
        rows.addAll(series(
                "noise-residential/queens",
                "complaint_type_borough",
                "noise-residential",
                "Noise - Residential",
                "queens"));
        rows.addAll(series("all/brooklyn", "borough", "all", "All", "brooklyn"));
        rows.addAll(series("all/all", "citywide", "all", "All", "all"));
        rows.addAll(series(TOO_SHORT, "complaint_type_borough", "paint-plaster", "Paint/Plaster", "bronx"));
        if (!GoldTablesFixture.create(warehouse, rows)) {
            return;
        }
        try (Connection connection = warehouse.connect();
                Statement sql = connection.createStatement();
                var count = sql.executeQuery("SELECT count(1) FROM " + GoldTablesFixture.DAILY_SERIES)) {
            count.next();
            if (count.getLong(1) != rows.size()) {
                throw new IllegalStateException(
                        "gold.daily_series has " + count.getLong(1) + " rows, expected " + rows.size());
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
        counts(id)
                .forEach((day, count) ->
                        rows.add(GoldTablesFixture.dailyRow(id, level, typeKey, type, borough, day, count)));
        return rows;
    }

    /** A weekly pattern (weekends busier) with a deterministic wobble, ending on {@link #LAST_DAY}. */
    private static java.util.Map<LocalDate, Long> counts(String id, int base, int days) {
        return GoldTablesFixture.weeklyCounts(id, base, days, LAST_DAY);
    }
}
