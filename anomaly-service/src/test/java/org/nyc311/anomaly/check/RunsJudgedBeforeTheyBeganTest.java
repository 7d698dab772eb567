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
 * A rise that forecast-service learns as it happens: three days of 300 on a series forecast at 200 [150, 250], the
 * forecasts refitted after its first day already at 290 and 300. Checked morning by morning, as the chain does, the
 * rise's later days fall inside those refitted intervals and no alert opens; judged against the forecast of the
 * morning the rise began ({@code nyc311.anomaly.judge-runs-before}), all three breach and the alert opens on the third.
 */
@ExtendWith(PostgresServerExtension.class)
class RunsJudgedBeforeTheyBeganTest {

    private static final String SERIES = "noise-residential/brooklyn";
    private static final LocalDate D0 = LocalDate.of(2026, 5, 31);
    private static final JsonStubServer FORECAST_SERVICE = new JsonStubServer();

    private static PostgresServer postgres;

    @BeforeAll
    static void gold(PostgresServer server) throws Exception {
        postgres = server;
        try (Connection connection = CheckWiring.goldDatabase(postgres, "gold_for_runs");
                Statement statement = connection.createStatement()) {
            for (int d = 1; d <= 3; d++) {
                statement.execute(
                        "INSERT INTO gold.daily_series VALUES ('" + SERIES + "', DATE '" + D0.plusDays(d) + "', 300)");
            }
        }
    }

    @AfterAll
    static void stop() {
        FORECAST_SERVICE.close();
    }

    @Test
    void judgedAgainstTheRefittedForecastsTheRisesLaterDaysLookUsual() {
        List<Map<String, Object>> anomalies = checkMorningByMorning(false, "refitted");

        assertThat(anomalies)
                .extracting(a -> a.get("date").toString())
                .containsExactly(D0.plusDays(1).toString());
        assertThat(alerts("refitted")).isEmpty();
    }

    @Test
    void judgedAgainstTheForecastOfTheMorningItBeganTheRiseOpensAnAlertOnItsThirdDay() {
        List<Map<String, Object>> anomalies = checkMorningByMorning(true, "judged_before");

        assertThat(anomalies)
                .extracting(a -> a.get("date").toString())
                .containsExactly(
                        D0.plusDays(1).toString(),
                        D0.plusDays(2).toString(),
                        D0.plusDays(3).toString());
        assertThat(anomalies).allSatisfy(a -> {
            assertThat(a.get("upper_bound"))
                    .as("the interval of the rise's first morning")
                    .isEqualTo(250.0);
            assertThat(a.get("forecast_run_id")).isEqualTo(run(0).toString());
        });
        assertThat(alerts("judged_before")).singleElement().satisfies(alert -> {
            assertThat(alert.get("episode_start").toString())
                    .isEqualTo(D0.plusDays(1).toString());
            assertThat(alert.get("opened_on").toString())
                    .isEqualTo(D0.plusDays(3).toString());
        });
    }

    /** Four mornings: run k saw history through day k and is checked then; returns the anomalies recorded. */
    private List<Map<String, Object>> checkMorningByMorning(boolean judgeRunsBefore, String name) {
        String database = "anomaly_" + name;
        postgres.createDatabase(database);
        DataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(database), PostgresServer.SUPERUSER, "");
        CheckWiring.migrate(dataSource);
        AnomalyProperties properties =
                new AnomalyProperties(0, 0, false, null, null, 0, null, null, null, null, null, judgeRunsBefore);
        try (GoldActuals gold = CheckWiring.gold(postgres, "gold_for_runs")) {
            for (int k = 0; k <= 3; k++) {
                // the rise's first day is forecast at 200; the refits after it have learnt most of it
                double level = k == 0 ? 200 : k == 1 ? 290 : 300;
                LocalDate lastActual = D0.plusDays(k);
                List<ForecastPoint> points = new ArrayList<>();
                for (int h = 1; h <= 30; h++) {
                    points.add(new ForecastPoint(lastActual.plusDays(h), level, level - 50, level + 50, 0.95));
                }
                FORECAST_SERVICE.answer(
                        "/api/v1/forecasts",
                        new RunForecastsView(
                                run(k),
                                List.of(new StoredForecastView(
                                        SERIES, run(k), "ets", null, 1L, lastActual, 30, points))));
                Clock clock =
                        Clock.fixed(Instant.parse("2026-06-01T09:00:00Z").plusSeconds(86_400L * k), ZoneOffset.UTC);
                CheckWiring.check(dataSource, gold, FORECAST_SERVICE.baseUri(), properties, clock)
                        .onForecastsPublished(
                                ForecastsPublished.of(clock, run(k).toString(), 1L, lastActual, 30, 1, 0, null));
            }
        }
        return new JdbcTemplate(dataSource).queryForList("SELECT * FROM anomaly ORDER BY date");
    }

    private static List<Map<String, Object>> alerts(String name) {
        return new JdbcTemplate(
                        new DriverManagerDataSource(postgres.jdbcUrl("anomaly_" + name), PostgresServer.SUPERUSER, ""))
                .queryForList("SELECT * FROM alert");
    }

    private static UUID run(int k) {
        return UUID.nameUUIDFromBytes(("run-" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
