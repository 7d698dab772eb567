package org.nyc311.anomaly.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
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
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.event.EventJson;
import org.nyc311.testsupport.net.JsonStubServer;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An open alert whose settings change under it. A rise hidden by its interval (forecast 1000 [500, 1600], +35% from
 * {@code S}) opens an alert by the evidence rule under the default settings; the breach rule alone never derives it.
 * Turning the evidence rule off must close that alert, once, and say why; a check under unchanged settings must not
 * close an open alert it did not derive; settings that end an open alert on an earlier day close it there, back
 * inside; stricter settings that have not opened the rise yet must not close its alert; and settings changed and
 * changed back during one rise must leave the rise an open alert.
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
    void settingsThatEndAnOpenAlertSoonerCloseItBackInsideOnTheirDay() throws Exception {
        // three breaches from S open the alert; the days after, +35% inside the interval, keep it open as evidence
        goldOf("gold_for_sooner", d -> d < 0 ? noise(d) : d <= 2 ? 2000 : 1350);
        DataSource dataSource = database("anomaly_settings_sooner");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (GoldActuals gold = CheckWiring.gold(postgres, "gold_for_sooner")) {
            for (int k = -2; k <= 6; k++) {
                check(dataSource, gold, DEFAULTS, k);
            }
            assertThat(jdbc.queryForMap("SELECT status, opened_by FROM alert"))
                    .containsEntry("status", "OPEN")
                    .containsEntry("opened_by", "BREACHES");

            // the breach rule alone ends the episode on S + 3, a day judged before: the alert closes there
            for (int k = 7; k <= 9; k++) {
                check(dataSource, gold, BREACHES_ONLY, k);
            }
        }

        Map<String, Object> alert = jdbc.queryForMap("SELECT * FROM alert");
        assertThat(alert.get("status")).isEqualTo("CLOSED");
        assertThat(alert.get("closed_because")).isEqualTo("BACK_INSIDE");
        assertThat(alert.get("closed_on").toString()).isEqualTo(S.plusDays(3).toString());
        assertThat(alert.get("derived_under")).isEqualTo(BREACHES_ONLY.derivedUnder());
        assertThat(jdbc.queryForList("SELECT transition FROM alert_event ORDER BY created_at", String.class))
                .containsExactly("OPENED", "CLOSED");
    }

    @Test
    void settingsChangedAndChangedBackDuringOneRiseLeaveItAnOpenAlert() throws Exception {
        // two days +40% inside the interval (evidence), then breaches every day
        goldOf("gold_for_back", d -> d < -2 ? noise(d) : d < 0 ? 1400 : 2000);
        DataSource dataSource = database("anomaly_settings_back");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (GoldActuals gold = CheckWiring.gold(postgres, "gold_for_back")) {
            for (int k = -4; k <= 3; k++) {
                check(dataSource, gold, DEFAULTS, k);
            }
            check(dataSource, gold, BREACHES_ONLY, 4);
            assertThat(jdbc.queryForList("SELECT status FROM alert ORDER BY episode_start", String.class))
                    .as("the defaults' alert superseded, the breach rule's opened")
                    .containsExactly("CLOSED", "OPEN");
            for (int k = 5; k <= 8; k++) {
                check(dataSource, gold, DEFAULTS, k);
            }
        }

        List<Map<String, Object>> alerts = jdbc.queryForList(
                "SELECT episode_start, status, closed_because, derived_under FROM alert ORDER BY episode_start");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0)).containsEntry("status", "CLOSED").containsEntry("closed_because", "SUPERSEDED");
        assertThat(alerts.get(1))
                .as("the rise still breaches every day: it keeps an open alert")
                .containsEntry("status", "OPEN")
                .containsEntry("episode_start", java.sql.Date.valueOf(S))
                .containsEntry("derived_under", BREACHES_ONLY.derivedUnder());
        assertThat(jdbc.queryForList(
                        "SELECT a.episode_start || ' ' || e.transition FROM alert_event e JOIN alert a USING (alert_id)",
                        String.class))
                .as("one opening and one closing of the first, one opening of the second, nothing more")
                .containsExactlyInAnyOrder(S.minusDays(2) + " OPENED", S.minusDays(2) + " CLOSED", S + " OPENED");
    }

    @Test
    void stricterSettingsDuringARiseKeepItsAlertUntilTheyOpenItAgain() throws Exception {
        // breaches every day from S: three in a row open the alert on S + 2
        goldOf("gold_for_stricter", d -> d < 0 ? noise(d) : 2000);
        DataSource dataSource = database("anomaly_settings_stricter");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (GoldActuals gold = CheckWiring.gold(postgres, "gold_for_stricter")) {
            for (int k = -2; k <= 2; k++) {
                check(dataSource, gold, breaches(3), k);
            }
            // five in a row: on S + 3 the run has four, no episode yet; the alert must not be closed for that
            check(dataSource, gold, breaches(5), 3);
            assertThat(jdbc.queryForObject("SELECT status FROM alert", String.class))
                    .isEqualTo("OPEN");
            for (int k = 4; k <= 8; k++) {
                check(dataSource, gold, breaches(5), k);
            }
        }

        Map<String, Object> alert = jdbc.queryForMap("SELECT * FROM alert");
        assertThat(alert.get("status")).isEqualTo("OPEN");
        assertThat(alert.get("episode_start").toString()).isEqualTo(S.toString());
        assertThat(alert.get("opened_on").toString())
                .as("as the stricter settings derive it: opened on the fifth day")
                .isEqualTo(S.plusDays(4).toString());
        assertThat(alert.get("derived_under")).isEqualTo(breaches(5).derivedUnder());
        assertThat(jdbc.queryForList("SELECT transition FROM alert_event", String.class))
                .containsExactly("OPENED");
    }

    @Test
    void settingsChangedAndChangedBackBeforeTheOthersOpenedAnythingKeepTheAlert() throws Exception {
        goldOf("gold_for_back_early", d -> d < 0 ? noise(d) : 2000);
        DataSource dataSource = database("anomaly_settings_back_early");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (GoldActuals gold = CheckWiring.gold(postgres, "gold_for_back_early")) {
            for (int k = -2; k <= 2; k++) {
                check(dataSource, gold, breaches(3), k);
            }
            check(dataSource, gold, breaches(6), 3);
            for (int k = 4; k <= 6; k++) {
                check(dataSource, gold, breaches(3), k);
            }
        }

        assertThat(jdbc.queryForMap("SELECT status, derived_under FROM alert"))
                .containsEntry("status", "OPEN")
                .containsEntry("derived_under", breaches(3).derivedUnder());
        assertThat(jdbc.queryForList("SELECT transition FROM alert_event", String.class))
                .containsExactly("OPENED");
    }

    /** The breach rule alone, {@code days} in a row. */
    private static AnomalyProperties breaches(int days) {
        return new AnomalyProperties(
                days,
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
    }

    private interface Counts {
        long on(int day);
    }

    private static long noise(int d) {
        return Math.round(1000 * Math.exp(d % 2 == 0 ? 0.05 : -0.05));
    }

    /** A gold database of its own for {@link #SERIES}, {@code counts.on(d)} requests on {@code S + d}. */
    private static void goldOf(String name, Counts counts) throws Exception {
        try (Connection connection = CheckWiring.goldDatabase(postgres, name);
                Statement statement = connection.createStatement()) {
            for (int d = -60; d <= 12; d++) {
                statement.execute("INSERT INTO gold.daily_series VALUES ('" + SERIES + "', DATE '" + S.plusDays(d)
                        + "', " + counts.on(d) + ")");
            }
        }
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
        CheckWiring.checkTheMorningAfter(
                dataSource, gold, FORECAST_SERVICE, properties, S, k, 60, List.of(SERIES, QUIET));
    }
}
