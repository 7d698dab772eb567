package org.nyc311.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.anomaly.store.SeriesForecast;
import org.nyc311.anomaly.support.ForecastServiceJar;
import org.nyc311.anomaly.support.GoldTables;
import org.nyc311.anomaly.support.Queues;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.schemathesis.Schemathesis;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.nyc311.testsupport.tokens.ClientCredentials;
import org.nyc311.testsupport.tokens.TestRestTemplateWithEveryScope;
import org.nyc311.testsupport.tokens.TokenIssuer;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole chain on real servers: gold in local-sql-warehouse, the real forecast-service (its jar, as
 * a child JVM) training on it and announcing ForecastsPublished, this service taking its forecasts over
 * REST into its snapshot, and later actual days with a three-day spike judged against them.
 */
@ExtendWith({
    LocalSqlWarehouseExtension.class,
    PostgresServerExtension.class,
    SqsServerExtension.class,
    TokenIssuerExtension.class
})
@AutoConfigureObservability(tracing = false)
@Import(TestRestTemplateWithEveryScope.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.aws.sqs.listener.poll-timeout=1s"})
class ForecastsPublishedFlowIT {

    private static final String DATABASE = "anomaly_service_test";
    private static final String FORECAST_DATABASE = "forecast_service_for_anomaly";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalSqlWarehouseProcess warehouse;
    private static PostgresServer postgres;
    private static SqsServer sqs;
    private static ForecastServiceJar forecastService;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MeterRegistry meters;

    @Autowired
    AnomalyRepository repository;

    @LocalServerPort
    private int port;

    @BeforeAll
    static void servers(
            LocalSqlWarehouseProcess warehouseServer,
            PostgresServer postgresServer,
            SqsServer sqsServer,
            @org.junit.jupiter.api.io.TempDir Path logs)
            throws Exception {
        warehouse = warehouseServer;
        postgres = postgresServer;
        sqs = sqsServer;
        GoldTables.create(warehouse);
        postgres.createDatabase(DATABASE);
        postgres.createDatabase(FORECAST_DATABASE);
        Queues queues = new Queues(sqs);
        for (EventQueue queue :
                List.of(EventQueue.GOLD_REFRESHED, EventQueue.FORECASTS_PUBLISHED, EventQueue.ANOMALY_ALERT)) {
            queues.purge(queue);
        }
        Map<String, String> properties = new LinkedHashMap<>(sqs.springProperties());
        properties.putAll(postgres.springProperties(FORECAST_DATABASE));
        properties.put("spring.cloud.aws.sqs.listener.poll-timeout", "1s");
        properties.put("nyc311.gold.url", warehouse.jdbcUrl());
        // the same issuer as this service's: forecast-service takes only the tokens this service's client gets there
        properties.put(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                System.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"));
        // MLflow off: forecasts are stored and published all the same (tracking DISABLED)
        properties.put("nyc311.mlflow.tracking-uri", "");
        properties.put("nyc311.forecast.horizon-days", "14");
        properties.put("nyc311.forecast.trials", "2");
        properties.put("nyc311.forecast.folds", "3");
        Path log = Path.of("target", "forecast-service-for-anomaly-test.log").toAbsolutePath();
        forecastService = ForecastServiceJar.start(properties, log, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (forecastService != null) {
            forecastService.close();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl(DATABASE));
        registry.add("nyc311.gold.url", () -> warehouse.jdbcUrl());
        registry.add(
                "nyc311.services.forecast-service.url",
                () -> forecastService.baseUri().toString());
    }

    @Test
    void aThreeDaySpikeOpensOneAlertThatClosesWhenBackInsideAndRepeatedEventsChangeNothing() throws Exception {
        Queues queues = new Queues(sqs);
        LocalDate day1 = GoldTables.LAST_DAY.plusDays(1);

        // forecast-service trains on gold and announces it; this service takes the forecasts into its snapshot
        String runId = train();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM processed_event WHERE forecast_run_id = ?", Integer.class, runId)
                        == 1);
        assertThat(jdbc.queryForList(
                        "SELECT horizon FROM forecast_snapshot WHERE series_id = ? ORDER BY target_date",
                        Integer.class,
                        GoldTables.SPIKING))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT forecast_run_id) FROM forecast_snapshot", Integer.class))
                .isOne();
        assertThat(count("anomaly")).as("no actual after the forecasts yet").isZero();

        // six later days: three inside the interval, then three far above it; the steady series drops once
        Map<LocalDate, double[]> spiking = forecast(GoldTables.SPIKING);
        Map<LocalDate, double[]> steady = forecast(GoldTables.STEADY);
        Map<LocalDate, Long> spikingDays = new LinkedHashMap<>();
        Map<LocalDate, Long> steadyDays = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            LocalDate day = day1.plusDays(i);
            spikingDays.put(day, i < 3 ? inside(spiking.get(day)) : (long) Math.ceil(spiking.get(day)[2] * 1.5) + 10);
            steadyDays.put(day, i == 1 ? 0L : inside(steady.get(day)));
        }
        assertThat(steady.get(day1.plusDays(1))[1])
                .as("a zero is below the steady series' lower bound")
                .isPositive();
        GoldTables.addDays(warehouse, Map.of(GoldTables.SPIKING, spikingDays, GoldTables.STEADY, steadyDays));
        ForecastsPublished first = published(runId, day1.plusDays(5));
        queues.send(first);
        awaitProcessed(first);

        List<Map<String, Object>> anomalies = jdbc.queryForList(
                "SELECT series_id, date, direction, z_score, actual FROM anomaly WHERE direction = 'SPIKE' ORDER BY date");
        assertThat(anomalies).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("series_id")).isEqualTo(GoldTables.SPIKING);
            assertThat(row.get("direction")).isEqualTo("SPIKE");
            assertThat((Double) row.get("z_score")).isGreaterThan(2.0);
        });
        assertThat(anomalies)
                .extracting(row -> ((java.sql.Date) row.get("date")).toLocalDate())
                .containsExactly(day1.plusDays(3), day1.plusDays(4), day1.plusDays(5));
        // the drop is recorded on its own, and opens nothing (drops do not alert by default)
        Map<String, Object> drop = jdbc.queryForMap("SELECT * FROM anomaly WHERE direction = 'DROP'");
        assertThat(drop.get("series_id")).isEqualTo(GoldTables.STEADY);
        assertThat(((java.sql.Date) drop.get("date")).toLocalDate()).isEqualTo(day1.plusDays(1));
        assertThat((Double) drop.get("z_score")).isNegative();
        assertThat(count("alert")).isOne();
        Map<String, Object> alert = jdbc.queryForMap("SELECT * FROM alert");
        assertThat(alert.get("status")).isEqualTo("OPEN");
        assertThat(((java.sql.Date) alert.get("episode_start")).toLocalDate()).isEqualTo(day1.plusDays(3));
        assertThat(((java.sql.Date) alert.get("opened_on")).toLocalDate()).isEqualTo(day1.plusDays(5));
        assertThat(alert.get("opened_by")).as("three spikes in a row").isEqualTo("BREACHES");
        List<AnomalyAlert> opened = queues.takeAlerts();
        assertThat(opened).singleElement().satisfies(event -> {
            assertThat(event.transition()).isEqualTo(AnomalyAlert.Transition.OPENED);
            assertThat(event.alert().id()).isEqualTo(alert.get("alert_id"));
            assertThat(event.alert().series().id()).isEqualTo(GoldTables.SPIKING);
            assertThat(event.alert().anomalousDays()).isEqualTo(3);
            assertThat(event.alert().openedBy()).isEqualTo(Alert.OpenedBy.BREACHES);
        });

        // the same event again: nothing changes, nothing is announced
        Map<String, Integer> before = counts();
        queues.send(first);
        awaitDrained();
        assertThat(counts()).isEqualTo(before);
        assertThat(queues.takeAlerts()).isEmpty();

        // REST over what was recorded
        assertThat(getList("/api/v1/anomalies")).hasSize(4);
        assertThat(getList("/api/v1/anomalies?from=" + day1.plusDays(4) + "&to=" + day1.plusDays(5)))
                .hasSize(2);
        assertThat(getList("/api/v1/anomalies?complaintType=noise-residential&borough=brooklyn"))
                .hasSize(3);
        assertThat(getList("/api/v1/anomalies?complaintType=Noise - Residential"))
                .hasSize(3);
        assertThat(getList("/api/v1/anomalies?complaintType=all&borough=brooklyn"))
                .singleElement()
                .satisfies(a -> assertThat(a.path("direction").asText()).isEqualTo("DROP"));
        assertThat(getList("/api/v1/anomalies?borough=queens")).isEmpty();
        assertThat(getList("/api/v1/anomalies?minSeverity=2&direction=spike")).hasSize(3);
        assertThat(getList("/api/v1/anomalies?minSeverity=1000000")).isEmpty();
        assertThat(getList("/api/v1/anomalies?direction=spike")).hasSize(3);
        assertThat(getList("/api/v1/anomalies?direction=drop")).hasSize(1);
        JsonNode one = getList("/api/v1/anomalies?to=" + day1.plusDays(3)).get(0);
        assertThat(one.path("seriesId").asText()).isEqualTo(GoldTables.SPIKING);
        assertThat(one.path("direction").asText()).isEqualTo("SPIKE");
        assertThat(one.path("forecastRunId").asText()).isEqualTo(runId);
        assertThat(one.path("actual").asLong()).isEqualTo(spikingDays.get(day1.plusDays(3)));
        assertThat(getList("/api/v1/alerts?status=open"))
                .singleElement()
                .satisfies(a -> assertThat(a.path("openedBy").asText()).isEqualTo("breaches"));
        assertThat(getList("/api/v1/alerts?status=closed")).isEmpty();
        // the check itself is on record: the newest first, with what it found (the repeat added none)
        JsonNode check = getList("/api/v1/checks?limit=1").get(0);
        assertThat(check.path("eventId").asText()).isEqualTo(first.eventId().toString());
        assertThat(check.path("forecastRunId").asText()).isEqualTo(runId);
        assertThat(check.path("lastActualDate").asText())
                .isEqualTo(day1.plusDays(5).toString());
        assertThat(check.path("anomalies").asInt()).isEqualTo(4);
        assertThat(check.path("alertsOpened").asInt()).isEqualTo(1);
        assertThat(check.path("daysChecked").asInt()).isGreaterThanOrEqualTo(12);
        assertThat(getList("/api/v1/checks")).hasSize(2);

        // two more days back inside: the alert closes, once
        Map<LocalDate, Long> spikingLater = new LinkedHashMap<>();
        Map<LocalDate, Long> steadyLater = new LinkedHashMap<>();
        for (int i = 6; i < 8; i++) {
            LocalDate day = day1.plusDays(i);
            spikingLater.put(day, inside(spiking.get(day)));
            steadyLater.put(day, inside(steady.get(day)));
        }
        GoldTables.addDays(warehouse, Map.of(GoldTables.SPIKING, spikingLater, GoldTables.STEADY, steadyLater));
        ForecastsPublished second = published(runId, day1.plusDays(7));
        queues.send(second);
        awaitProcessed(second);

        assertThat(count("anomaly")).isEqualTo(4);
        Map<String, Object> closed = jdbc.queryForMap("SELECT * FROM alert");
        assertThat(closed.get("alert_id")).isEqualTo(alert.get("alert_id"));
        assertThat(closed.get("status")).isEqualTo("CLOSED");
        assertThat(((java.sql.Date) closed.get("closed_on")).toLocalDate()).isEqualTo(day1.plusDays(6));
        assertThat(queues.takeAlerts()).singleElement().satisfies(event -> {
            assertThat(event.transition()).isEqualTo(AnomalyAlert.Transition.CLOSED);
            assertThat(event.alert().id()).isEqualTo(closed.get("alert_id"));
            assertThat(event.alert().closedOn()).isEqualTo(day1.plusDays(6));
        });
        assertThat(getList("/api/v1/alerts?status=open")).isEmpty();
        assertThat(getList("/api/v1/alerts?status=closed"))
                .singleElement()
                .satisfies(a -> assertThat(a.path("closedOn").asText())
                        .isEqualTo(day1.plusDays(6).toString()));

        before = counts();
        queues.send(second);
        awaitDrained();
        assertThat(counts()).isEqualTo(before);
        assertThat(queues.takeAlerts()).isEmpty();

        assertThat(meters.get("nyc311.anomaly.anomalies.recorded")
                        .tag("direction", "spike")
                        .counter()
                        .count())
                .isEqualTo(3.0);
        assertThat(meters.get("nyc311.anomaly.anomalies.recorded")
                        .tag("direction", "drop")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.get("nyc311.anomaly.alerts.opened")
                        .tag("rule", "breaches")
                        .counter()
                        .count())
                .as("three spikes in a row")
                .isEqualTo(1.0);
        assertThat(meters.get("nyc311.anomaly.alerts.opened").counters())
                .as("one counter per rule, the others at zero")
                .extracting(c -> c.getId().getTag("rule"))
                .containsExactlyInAnyOrder("breaches", "evidence", "margin_evidence", "sustained_rise");
        assertThat(meters.get("nyc311.anomaly.alerts.opened").counters().stream()
                        .mapToDouble(io.micrometer.core.instrument.Counter::count)
                        .sum())
                .isEqualTo(1.0);
        assertThat(meters.get("nyc311.anomaly.alerts.closed")
                        .tag("reason", "back_inside")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.get("nyc311.anomaly.check.duration").timer().count()).isEqualTo(3);
        String prometheus = http.getForObject("/actuator/prometheus", String.class);
        assertThat(prometheus)
                .contains(
                        "nyc311_anomaly_anomalies_recorded_total",
                        "nyc311_anomaly_alerts_opened_total",
                        "nyc311_anomaly_check_duration_seconds");
    }

    @Test
    void aLaterForecastNeverReplacesAShorterHorizonForTheSameDay() {
        String series = "noise-residential/bronx";
        LocalDate target = LocalDate.of(2030, 1, 10);
        var shortRun = new SeriesForecast(
                series, "run-short", target.minusDays(2), List.of(new ForecastPoint(target, 10, 5, 15, 0.95)));
        var longRun = new SeriesForecast(
                series, "run-long", target.minusDays(9), List.of(new ForecastPoint(target, 99, 90, 110, 0.95)));
        var shorter = new SeriesForecast(
                series, "run-shorter", target.minusDays(1), List.of(new ForecastPoint(target, 11, 6, 16, 0.95)));

        assertThat(repository.storeSnapshot(shortRun)).isOne();
        assertThat(repository.storeSnapshot(longRun))
                .as("a longer horizon never replaces a shorter one")
                .isZero();
        assertThat(repository.snapshot(series, target).get(target).forecastRunId())
                .isEqualTo("run-short");
        assertThat(repository.storeSnapshot(shorter)).isOne();
        assertThat(repository.snapshot(series, target).get(target)).satisfies(p -> {
            assertThat(p.forecastRunId()).isEqualTo("run-shorter");
            assertThat(p.horizon()).isOne();
            assertThat(p.upper()).isEqualTo(16.0);
        });
        jdbc.update("DELETE FROM forecast_snapshot WHERE series_id = ?", series);
    }

    @Test
    void badParametersAreProblemDetailsNeverServerErrors() throws Exception {
        for (String query : List.of(
                "/api/v1/anomalies?from=2026-13-01",
                "/api/v1/anomalies?to=yesterday",
                "/api/v1/anomalies?from=2026-05-10&to=2026-05-01",
                "/api/v1/anomalies?minSeverity=-1",
                "/api/v1/anomalies?minSeverity=lots",
                "/api/v1/anomalies?minSeverity=NaN",
                "/api/v1/anomalies?borough=atlantis",
                "/api/v1/anomalies?complaintType=---",
                "/api/v1/anomalies?direction=up",
                "/api/v1/alerts?status=pending",
                "/api/v1/checks?limit=0",
                "/api/v1/checks?limit=many")) {
            ResponseEntity<String> answer = http.getForEntity(query, String.class);
            assertThat(answer.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).as(query).hasToString("application/problem+json");
            assertThat(JSON.readTree(answer.getBody()).path("detail").asText())
                    .as(query)
                    .isNotBlank();
        }
        assertThat(http.getForEntity("/v3/api-docs", String.class).getBody())
                .contains("/api/v1/anomalies", "/api/v1/alerts", "/api/v1/checks");
    }

    /**
     * An outside client (Schemathesis) fuzzes every operation of the document this service publishes, and
     * every check must pass: no 5xx, every status and response as documented, invalid data refused and valid
     * data accepted.
     */
    @Test
    void thePublishedContractHoldsUnderSchemathesis(TokenIssuer tokens) throws Exception {
        Schemathesis.Result result = Schemathesis.installed().runOnLocalPort(port, tokens.tokenWithEveryScope());
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    private String train() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String operator = operatorToken();
        HttpResponse<String> started = client.send(
                HttpRequest.newBuilder(forecastService.baseUri().resolve("/api/v1/forecast-runs"))
                        .header("Authorization", "Bearer " + operator)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = JSON.readTree(started.body()).path("forecastRunId").asText();
        URI run = forecastService.baseUri().resolve("/api/v1/forecast-runs/" + runId);
        JsonNode done = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> JSON.readTree(client.send(
                                        HttpRequest.newBuilder(run)
                                                .header("Authorization", "Bearer " + operator)
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body()),
                        node -> node.path("published").asBoolean()
                                || "FAILED".equals(node.path("status").asText()));
        assertThat(done.path("status").asText())
                .as("forecast run; see " + forecastService.log())
                .isEqualTo("SUCCEEDED");
        assertThat(done.path("seriesForecast").asInt()).isEqualTo(2);
        return runId;
    }

    /** The stored forecast of a series from forecast-service: day to {yhat, lower, upper}. */
    /** An operator's token, the test's own: training is an operation, which anomaly-service's client may not start. */
    private static String operatorToken() {
        return ClientCredentials.token(
                URI.create(System.getProperty("NYC311_SERVICE_TOKEN_URI")),
                TokenIssuerExtension.CLIENT_ID,
                TokenIssuerExtension.CLIENT_SECRET,
                "nyc311/read nyc311/operate");
    }

    private Map<LocalDate, double[]> forecast(String seriesId) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(forecastService.baseUri().resolve("/api/v1/forecasts/" + seriesId))
                                .header("Authorization", "Bearer " + operatorToken())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<LocalDate, double[]> points = new HashMap<>();
        for (JsonNode point : JSON.readTree(answer.body()).path("points")) {
            points.put(LocalDate.parse(point.path("date").asText()), new double[] {
                point.path("yhat").asDouble(),
                point.path("lower").asDouble(),
                point.path("upper").asDouble()
            });
        }
        return points;
    }

    /** A whole count inside the interval: the forecast itself, rounded into the bounds. */
    private static long inside(double[] point) {
        long value = Math.round(point[0]);
        value = Math.max(value, (long) Math.ceil(point[1]));
        value = Math.min(value, (long) Math.floor(point[2]));
        assertThat((double) value).as("a whole count fits the interval").isBetween(point[1], point[2]);
        return value;
    }

    /** forecast-service's announcement again, as a new event naming a later last complete day. */
    private static ForecastsPublished published(String runId, LocalDate lastActualDate) {
        return new ForecastsPublished(
                UUID.randomUUID(),
                ForecastsPublished.SCHEMA_VERSION,
                Instant.now(),
                runId,
                2L,
                lastActualDate,
                14,
                2,
                0,
                null);
    }

    private void awaitProcessed(ForecastsPublished event) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM processed_event WHERE event_id = ?",
                                Integer.class,
                                event.eventId())
                        == 1);
        // the outbox is sent right after the commit
        awaitDrained();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        jdbc.queryForObject("SELECT count(*) FROM event_outbox WHERE sent_at IS NULL", Integer.class)
                                == 0);
    }

    private void awaitDrained() {
        Queues queues = new Queues(sqs);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> queues.drained(EventQueue.FORECASTS_PUBLISHED));
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table :
                List.of("processed_event", "forecast_snapshot", "anomaly", "alert", "alert_event", "check_state")) {
            counts.put(table, count(table));
        }
        counts.put(
                "updated_alerts", jdbc.queryForObject("SELECT count(DISTINCT updated_at) FROM alert", Integer.class));
        return counts;
    }

    private List<JsonNode> getList(String path) throws Exception {
        ResponseEntity<String> answer = http.getForEntity(path, String.class);
        assertThat(answer.getStatusCode().value())
                .as(path + ": " + answer.getBody())
                .isEqualTo(200);
        List<JsonNode> rows = new java.util.ArrayList<>();
        JSON.readTree(answer.getBody()).forEach(rows::add);
        return rows;
    }
}
