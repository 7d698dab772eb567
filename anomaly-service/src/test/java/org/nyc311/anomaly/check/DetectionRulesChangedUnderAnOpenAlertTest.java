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
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.testsupport.net.JsonStubServer;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An alert opened under one set of detection rules, checked the next morning under another that starts the same rise
 * a day earlier. A series forecast at 200 [150, 250] has a day of 240 (inside its interval, most of the way to its
 * bound), then days of 280. By breaches alone the alert opens with its episode on the first 280; with the margin
 * rule (on by default) the episode starts on the 240, which is another alert. The check that first judges under the
 * new rules closes the old alert, since nothing else ever would, and opens the new one; the checks after it change
 * nothing.
 */
@ExtendWith(PostgresServerExtension.class)
class DetectionRulesChangedUnderAnOpenAlertTest {

    private static final String SERIES = "all/all";
    private static final String SHORTER = "noise-residential/brooklyn";
    private static final LocalDate D0 = LocalDate.of(2026, 5, 31);
    private static final JsonStubServer FORECAST_SERVICE = new JsonStubServer();

    private static PostgresServer postgres;

    @BeforeAll
    static void gold(PostgresServer server) throws Exception {
        postgres = server;
        try (Connection connection = CheckWiring.goldDatabase(postgres, "gold_for_rule_change");
                Statement statement = connection.createStatement()) {
            for (int d = -29; d <= 6; d++) {
                long count = d <= 0 ? 200 : d == 1 ? 240 : 280;
                statement.execute("INSERT INTO gold.daily_series VALUES ('" + SERIES + "', DATE '" + D0.plusDays(d)
                        + "', " + count + ")");
                long shorter = d <= 0 ? 200 : d <= 3 ? 280 : 240;
                statement.execute("INSERT INTO gold.daily_series VALUES ('" + SHORTER + "', DATE '" + D0.plusDays(d)
                        + "', " + shorter + ")");
            }
        }
    }

    @AfterAll
    static void stop() {
        FORECAST_SERVICE.close();
    }

    @Test
    void theCheckUnderTheNewRulesClosesTheAlertTheyNoLongerDeriveAndOpensTheOneTheyDo() {
        DataSource dataSource = database("anomaly_rule_change");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        UUID breachesAlert;
        try (GoldActuals gold = CheckWiring.gold(postgres, "gold_for_rule_change")) {
            check(dataSource, gold, SERIES, BREACHES_ONLY, 4);
            assertThat(alerts(jdbc)).singleElement().satisfies(alert -> {
                assertThat(alert.get("episode_start").toString())
                        .isEqualTo(D0.plusDays(2).toString());
                assertThat(alert.get("status")).isEqualTo("OPEN");
                assertThat(alert.get("opened_by")).isEqualTo("BREACHES");
            });
            breachesAlert = (UUID) alerts(jdbc).get(0).get("alert_id");

            CheckResult underNewRules = check(dataSource, gold, SERIES, DEFAULTS, 5);

            assertThat(underNewRules.alertsClosed()).isEqualTo(1);
            assertThat(underNewRules.alertsOpened()).isEqualTo(1);
            assertThat(alerts(jdbc))
                    .hasSize(2)
                    .anySatisfy(alert -> {
                        assertThat(alert.get("alert_id")).isEqualTo(breachesAlert);
                        assertThat(alert.get("status")).isEqualTo("CLOSED");
                        assertThat(alert.get("closed_on").toString())
                                .as("closed on the first day judged under the new rules")
                                .isEqualTo(D0.plusDays(5).toString());
                        assertThat(alert.get("last_anomalous_date").toString())
                                .isEqualTo(D0.plusDays(4).toString());
                    })
                    .anySatisfy(alert -> {
                        assertThat(alert.get("episode_start").toString())
                                .isEqualTo(D0.plusDays(1).toString());
                        assertThat(alert.get("status")).isEqualTo("OPEN");
                        assertThat(alert.get("opened_by")).isEqualTo("MARGIN_EVIDENCE");
                    });
            assertThat(events(jdbc))
                    .containsExactlyInAnyOrder(
                            breachesAlert + " OPENED",
                            breachesAlert + " CLOSED",
                            alerts(jdbc).get(1).get("alert_id") + " OPENED");

            CheckResult nextMorning = check(dataSource, gold, SERIES, DEFAULTS, 6);

            assertThat(nextMorning.alertsClosed()).isZero();
            assertThat(nextMorning.alertsOpened()).isZero();
            assertThat(alerts(jdbc)).extracting(alert -> alert.get("status")).containsExactly("CLOSED", "OPEN");
            assertThat(events(jdbc)).hasSize(3);
        }
    }

    @Test
    void anAlertTheNewRulesCloseOnAnEarlierDayIsClosedThenNotLeftOpen() {
        // 280, 280, 280, then 240s: the margin rule (on) holds the alert open on the 240s, most of the way to their
        // bound; by breaches alone the same episode closed on the first 240, a day before the new rules' first check
        DataSource dataSource = database("anomaly_shorter");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (GoldActuals gold = CheckWiring.gold(postgres, "gold_for_rule_change")) {
            check(dataSource, gold, SHORTER, DEFAULTS, 4);
            assertThat(alerts(jdbc)).singleElement().satisfies(alert -> {
                assertThat(alert.get("episode_start").toString()).isEqualTo(D0.plusDays(1).toString());
                assertThat(alert.get("status")).isEqualTo("OPEN");
            });

            CheckResult underNewRules = check(dataSource, gold, SHORTER, BREACHES_ONLY, 5);

            assertThat(underNewRules.alertsClosed()).isEqualTo(1);
            assertThat(underNewRules.alertsOpened()).isZero();
            assertThat(alerts(jdbc)).singleElement().satisfies(alert -> {
                assertThat(alert.get("status")).isEqualTo("CLOSED");
                assertThat(alert.get("closed_on").toString())
                        .as("the day the new rules end it")
                        .isEqualTo(D0.plusDays(4).toString());
                assertThat(alert.get("last_anomalous_date").toString()).isEqualTo(D0.plusDays(3).toString());
            });
            assertThat(events(jdbc)).hasSize(2).anyMatch(event -> event.endsWith(" CLOSED"));
        }
    }

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
            null,
            new AnomalyProperties.MarginEvidence(false, null, null, null),
            null);

    /** A new database of this service, migrated. */
    private static DataSource database(String name) {
        postgres.createDatabase(name);
        DataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(name), PostgresServer.SUPERUSER, "");
        CheckWiring.migrate(dataSource);
        return dataSource;
    }

    /**
     * The check of the morning after day {@code k}, on forecast run k: 200 [150, 250] on every day, as forecast a
     * month before the rise (a day is only ever judged by a forecast made before it).
     */
    private static CheckResult check(
            DataSource dataSource, GoldActuals gold, String series, AnomalyProperties properties, int k) {
        LocalDate forecastFrom = D0.minusDays(30);
        List<ForecastPoint> points = new ArrayList<>();
        for (int d = -29; d <= k + 30; d++) {
            points.add(new ForecastPoint(D0.plusDays(d), 200, 150, 250, 0.95));
        }
        FORECAST_SERVICE.answer(
                "/api/v1/forecasts",
                new RunForecastsView(
                        run(k),
                        List.of(new StoredForecastView(
                                series, run(k), "ets", null, 1L, forecastFrom, points.size(), points))));
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T09:00:00Z").plusSeconds(86_400L * k), ZoneOffset.UTC);
        return CheckWiring.check(dataSource, gold, FORECAST_SERVICE.baseUri(), properties, clock)
                .onForecastsPublished(
                        ForecastsPublished.of(clock, run(k).toString(), 1L, D0.plusDays(k), 30, 1, 0, null));
    }

    /** The alerts stored, the latest episode start first. */
    private static List<Map<String, Object>> alerts(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT * FROM alert ORDER BY episode_start DESC");
    }

    private static List<String> events(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT alert_id || ' ' || transition FROM alert_event", String.class);
    }

    private static UUID run(int k) {
        return UUID.nameUUIDFromBytes(("run-" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
