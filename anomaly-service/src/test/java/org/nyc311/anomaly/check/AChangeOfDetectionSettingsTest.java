package org.nyc311.anomaly.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.anomaly.gold.GoldActuals;
import org.nyc311.api.forecast.RunForecastsView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.testsupport.net.JsonStubServer;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An open alert whose settings change under it. A rise hidden by its interval (forecast 1000 [500, 1600], +35% from
 * {@code S}) opens an alert by the evidence rule under the default settings; the breach rule alone never derives it.
 * Turning the evidence rule off must close that alert, once, and say why; a check under unchanged settings must not
 * close a live alert it did not derive; and a second open alert of the same rise, as versions before
 * {@code check_state.run_start} could store, is closed by the next check that derives the first.
 */
@ExtendWith(PostgresServerExtension.class)
class AChangeOfDetectionSettingsTest {

    private static final String SERIES = "noise-residential/brooklyn";
    /** A series with no rise: the checks derive no alert on it. */
    private static final String QUIET = "noise-residential/queens";

    private static final LocalDate S = LocalDate.of(2026, 6, 1);
    private static final JsonStubServer FORECAST_SERVICE = new JsonStubServer();
    private static final AnomalyProperties DEFAULTS =
            new AnomalyProperties(0, 0, false, null, null, 0, null, null, null, null, null, null);
    private static final AnomalyProperties BREACHES_ONLY = new AnomalyProperties(
            0,
            0,
            false,
            null,
            null,
            0,
            null,
            null,
            null,
            new AnomalyProperties.Evidence(false, null, null, null),
            null,
            null);

    private static PostgresServer postgres;

    @BeforeAll
    static void gold(PostgresServer server) throws Exception {
        postgres = server;
        try (Connection connection = CheckWiring.goldDatabase(postgres, "gold_for_settings");
                Statement statement = connection.createStatement()) {
            for (int d = -60; d <= 10; d++) {
                // log residuals: small alternating ones, then +35% from S on: inside the interval every day
                double residual = d < 0 ? (d % 2 == 0 ? 0.05 : -0.05) : 0.3;
                statement.execute("INSERT INTO gold.daily_series VALUES ('" + SERIES + "', DATE '" + S.plusDays(d)
                        + "', " + Math.round(1000 * Math.exp(residual)) + ")");
                statement.execute("INSERT INTO gold.daily_series VALUES ('" + QUIET + "', DATE '" + S.plusDays(d)
                        + "', " + Math.round(1000 * Math.exp(d % 2 == 0 ? 0.05 : -0.05)) + ")");
            }
        }
    }

    @AfterAll
    static void stop() {
        FORECAST_SERVICE.close();
    }

    @Test
    void turningTheRuleThatOpenedAnAlertOffClosesItOnceAsSuperseded() {
        DataSource dataSource = database("anomaly_settings_changed");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (GoldActuals gold = CheckWiring.gold(postgres, "gold_for_settings")) {
            for (int k = -2; k <= 4; k++) {
                check(dataSource, gold, DEFAULTS, k);
            }
            Map<String, Object> opened = jdbc.queryForMap("SELECT * FROM alert");
            assertThat(opened.get("status")).isEqualTo("OPEN");
            assertThat(opened.get("opened_by")).isEqualTo("EVIDENCE");
            assertThat(opened.get("derived_under")).isEqualTo(DEFAULTS.derivedUnder());

            check(dataSource, gold, BREACHES_ONLY, 5);
            check(dataSource, gold, BREACHES_ONLY, 6);
        }

        Map<String, Object> alert = jdbc.queryForMap("SELECT * FROM alert");
        assertThat(alert.get("status")).isEqualTo("CLOSED");
        assertThat(alert.get("closed_because")).isEqualTo("SUPERSEDED");
        assertThat(alert.get("closed_on").toString())
                .as("the last day of the check that superseded it")
                .isEqualTo(S.plusDays(5).toString());
        assertThat(alert.get("derived_under"))
                .as("still the settings that derived it")
                .isEqualTo(DEFAULTS.derivedUnder());
        assertThat(jdbc.queryForList("SELECT transition FROM alert_event ORDER BY created_at", String.class))
                .containsExactly("OPENED", "CLOSED");
        AnomalyAlert closed = closedEvent(jdbc);
        assertThat(closed.alert().closedBecause()).isEqualTo(org.nyc311.model.anomaly.Alert.ClosedBecause.SUPERSEDED);
        assertThat(closed.alert().closedOn()).isEqualTo(S.plusDays(5));
    }

    @Test
    void underUnchangedSettingsAnOpenAlertTheCheckDoesNotDeriveStaysOpen() {
        DataSource dataSource = database("anomaly_settings_unchanged");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        UUID underTheseSettings;
        UUID fromBeforeSettingsWereStored;
        try (GoldActuals gold = CheckWiring.gold(postgres, "gold_for_settings")) {
            for (int k = -2; k <= 4; k++) {
                check(dataSource, gold, DEFAULTS, k);
            }
            // open alerts of a series whose days the check derives none from: it cannot tell why (it may have read less
            // of the series than the check that stored them), so it leaves them as they are
            underTheseSettings = insertOpenAlert(jdbc, QUIET, S.minusDays(3), DEFAULTS.derivedUnder());
            fromBeforeSettingsWereStored = insertOpenAlert(jdbc, QUIET, S.minusDays(6), null);

            check(dataSource, gold, DEFAULTS, 5);
        }

        assertThat(jdbc.queryForList("SELECT status FROM alert WHERE series_id = ?", String.class, QUIET))
                .containsExactly("OPEN", "OPEN");
        assertThat(jdbc.queryForList(
                        "SELECT alert_id FROM alert WHERE series_id = ? AND derived_under IS NULL", UUID.class, QUIET))
                .containsExactly(fromBeforeSettingsWereStored);
        assertThat(underTheseSettings).isNotEqualTo(fromBeforeSettingsWereStored);
        assertThat(jdbc.queryForMap("SELECT status, opened_by FROM alert WHERE series_id = ?", SERIES))
                .containsEntry("status", "OPEN")
                .containsEntry("opened_by", "EVIDENCE");
        assertThat(jdbc.queryForList("SELECT transition FROM alert_event", String.class))
                .as("the rise's opening only")
                .containsExactly("OPENED");
    }

    @Test
    void aSecondOpenAlertOfOneRiseStoredByAnOlderVersionIsClosedByTheNextCheck() {
        DataSource dataSource = database("anomaly_settings_duplicate");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        UUID duplicate;
        try (GoldActuals gold = CheckWiring.gold(postgres, "gold_for_settings")) {
            for (int k = -2; k <= 4; k++) {
                check(dataSource, gold, DEFAULTS, k);
            }
            // as a version before run_start and derived_under stored them: the same rise under another first day
            duplicate = insertOpenAlert(jdbc, SERIES, S.plusDays(1), null);
            jdbc.update("UPDATE alert SET derived_under = NULL");

            check(dataSource, gold, DEFAULTS, 5);
        }

        List<Map<String, Object>> alerts = jdbc.queryForList("SELECT * FROM alert ORDER BY episode_start");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("episode_start").toString()).isEqualTo(S.toString());
        assertThat(alerts.get(0).get("status")).isEqualTo("OPEN");
        assertThat(alerts.get(0).get("derived_under"))
                .as("derived again, now under the check's settings")
                .isEqualTo(DEFAULTS.derivedUnder());
        assertThat(alerts.get(1).get("alert_id")).isEqualTo(duplicate);
        assertThat(alerts.get(1).get("status")).isEqualTo("CLOSED");
        assertThat(alerts.get(1).get("closed_because")).isEqualTo("SUPERSEDED");
        assertThat(closedEvent(jdbc).alert().id()).isEqualTo(duplicate);
    }

    private static DataSource database(String name) {
        postgres.createDatabase(name);
        DataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(name), PostgresServer.SUPERUSER, "");
        CheckWiring.migrate(dataSource);
        return dataSource;
    }

    private static UUID insertOpenAlert(
            JdbcTemplate jdbc, String series, LocalDate start, @org.jspecify.annotations.Nullable String derivedUnder) {
        UUID id = UUID.nameUUIDFromBytes(
                ("Alert:" + series + ":" + start).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        jdbc.update(
                "INSERT INTO alert (alert_id, series_id, status, episode_start, opened_on, last_anomalous_date, "
                        + "anomalous_days, peak_z_score, opened_by, derived_under, updated_at) "
                        + "VALUES (?, ?, 'OPEN', ?, ?, ?, 3, 4.0, 'EVIDENCE', ?, now())",
                id,
                series,
                java.sql.Date.valueOf(start),
                java.sql.Date.valueOf(start.plusDays(2)),
                java.sql.Date.valueOf(start.plusDays(2)),
                derivedUnder);
        return id;
    }

    private static AnomalyAlert closedEvent(JdbcTemplate jdbc) {
        String payload =
                jdbc.queryForObject("SELECT payload FROM alert_event WHERE transition = 'CLOSED'", String.class);
        return (AnomalyAlert) new EventJson().read(payload);
    }

    /** The check of the morning after day {@code S + k}, on forecast run k: 1000 [500, 1600] on every day. */
    private static void check(DataSource dataSource, GoldActuals gold, AnomalyProperties properties, int k) {
        LocalDate forecastFrom = S.minusDays(61);
        List<ForecastPoint> points = new ArrayList<>();
        for (int d = -60; d <= 40; d++) {
            points.add(new ForecastPoint(S.plusDays(d), 1000, 500, 1600, 0.95));
        }
        FORECAST_SERVICE.answer(
                "/api/v1/forecasts",
                new RunForecastsView(
                        run(k),
                        List.of(
                                new StoredForecastView(
                                        SERIES, run(k), "ets", null, 1L, forecastFrom, points.size(), points),
                                new StoredForecastView(
                                        QUIET, run(k), "ets", null, 1L, forecastFrom, points.size(), points))));
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T09:00:00Z").plusSeconds(86_400L * k), ZoneOffset.UTC);
        CheckWiring.check(dataSource, gold, FORECAST_SERVICE.baseUri(), properties, clock)
                .onForecastsPublished(
                        ForecastsPublished.of(clock, run(k).toString(), 1L, S.plusDays(k), 30, 1, 0, null));
    }

    private static UUID run(int k) {
        return UUID.nameUUIDFromBytes(("run-" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
