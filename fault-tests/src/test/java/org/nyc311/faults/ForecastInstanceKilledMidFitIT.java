package org.nyc311.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.faults.support.ForecastFaultGold;
import org.nyc311.faults.support.Polling;
import org.nyc311.faults.support.ServiceJvm;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.ForecastsPublished;
import org.nyc311.testsupport.mlflow.MlflowServer;
import org.nyc311.testsupport.mlflow.MlflowServerExtension;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;

/**
 * Fault 5: two forecast-service instances on one database (a rolling deploy, autoscaling), and the
 * one fitting a run is killed with {@code kill -9} mid-fit.
 *
 * <p>Real servers: PostgreSQL, ElasticMQ, an MLflow tracking server, and local-sql-warehouse over a
 * small gold made by SQL (the instances read gold from it over JDBC, as in production). The run is
 * queued with {@code POST /api/v1/forecast-runs}. The survivor may take the run over only once the
 * dead instance's lease has expired; it fits it once to the end, the run ends SUCCEEDED with one
 * ForecastsPublished on its queue and one MLflow parent run. (A stale instance's writes being refused
 * is shown against the same PostgreSQL by forecast-service's {@code ForecastRunLeaseTest}, and here by
 * the dead lease's token, which no longer moves anything.)
 *
 * <p>forecast-service uses no S3, so s3proxy is not started.
 */
@ExtendWith({
    PostgresServerExtension.class,
    SqsServerExtension.class,
    MlflowServerExtension.class,
    LocalSqlWarehouseExtension.class,
    TokenIssuerExtension.class
})
class ForecastInstanceKilledMidFitIT {

    private static final String DATABASE = "forecast_fault_killed";
    private static final String EXPERIMENT = "fault-forecast-killed-mid-fit";
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final int HORIZON = 14;

    private static PostgresServer postgres;
    private static SqsServer sqs;
    private static MlflowServer mlflow;
    private static LocalSqlWarehouseProcess warehouse;
    private static List<String> forecastable;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<ServiceJvm> instances = new ArrayList<>();

    @BeforeAll
    static void servers(
            PostgresServer postgresServer,
            SqsServer sqsServer,
            MlflowServer mlflowServer,
            LocalSqlWarehouseProcess warehouseProcess)
            throws Exception {
        postgres = postgresServer;
        sqs = sqsServer;
        mlflow = mlflowServer;
        warehouse = warehouseProcess;
        forecastable = ForecastFaultGold.create(warehouse, Path.of("target", "fault-logs"));
        postgres.createDatabase(DATABASE);
        sqs.purge(EventQueue.GOLD_REFRESHED.queueName(), EventQueue.FORECASTS_PUBLISHED.queueName());
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(ServiceJvm::close);
    }

    @Test
    void theInstanceFittingARunIsKilledAndTheOtherFitsItOnceAfterTheLeaseExpired() throws Exception {
        Path logs = Files.createDirectories(
                Path.of("target", "fault-logs", getClass().getSimpleName()));
        ServiceJvm a = ServiceJvm.start("forecast-service", properties(), logs);
        instances.add(a);
        ServiceJvm b = a.twin(logs, "forecast-service-b");
        instances.add(b);
        a.awaitReady(Duration.ofSeconds(120));
        b.awaitReady(Duration.ofSeconds(120));

        UUID runId = UUID.fromString(
                post(a, "/api/v1/forecast-runs").path("forecastRunId").asText());
        // whichever instance claimed it (a took it from its own POST, or b's sweep came first) is fitting it
        ServiceJvm holder = await("an instance claims the run and fits it", Duration.ofSeconds(60), () -> {
            for (ServiceJvm instance : List.of(a, b)) {
                if (logSays(instance, "forecast run " + runId + " claimed by")) {
                    return instance;
                }
            }
            return null;
        });
        ServiceJvm survivor = holder == a ? b : a;
        // into the fit, which takes some seconds (31 series on one thread)
        ServiceJvm.sleep(Duration.ofSeconds(1));
        Lease dead = lease(runId);
        assertThat(dead.status())
                .as("killed mid-fit: the fit must still be going")
                .isEqualTo("RUNNING");

        holder.kill();
        Instant killedAt = Instant.now();

        // until the dead lease expires, the run stays the dead instance's: nobody fits it twice at once
        while (Instant.now().isBefore(dead.expiresAt().minusMillis(500))) {
            Lease now = lease(runId);
            assertThat(now.token())
                    .as("taken over before the lease expired (%s)", dead.expiresAt())
                    .isEqualTo(dead.token());
            assertThat(now.attempts()).isEqualTo(1);
            ServiceJvm.sleep(Duration.ofMillis(500));
        }

        Lease done = await("the survivor fits, tracks and announces the run", Duration.ofSeconds(150), () -> {
            Lease now = lease(runId);
            assertThat(now.status()).as("run " + runId).isNotEqualTo("FAILED");
            return "SUCCEEDED".equals(now.status())
                            && "TRACKED".equals(now.trackingStatus())
                            && now.publishedAt() != null
                    ? now
                    : null;
        });
        assertThat(done.owner()).as("fitted by the survivor").isNotEqualTo(dead.owner());
        assertThat(done.startedAt())
                .as("claimed by the survivor only after the dead lease expired at " + dead.expiresAt())
                .isAfterOrEqualTo(dead.expiresAt().minusMillis(250));
        assertThat(done.attempts()).as("the killed fit and the survivor's one").isEqualTo(2);
        assertThat(logSays(survivor, "forecast run " + runId + " claimed by")).isTrue();

        int storedSeries = count("SELECT count(*) FROM series_forecast WHERE run_id = ?", runId);
        int storedPoints = count("SELECT count(*) FROM forecast_point WHERE run_id = ?", runId);
        assertThat(storedSeries).isEqualTo(forecastable.size());
        assertThat(storedPoints).isEqualTo(forecastable.size() * HORIZON);

        List<ForecastsPublished> published = publishedFor(runId);
        assertThat(published).as("one ForecastsPublished").hasSize(1);
        assertThat(published.get(0).mlflowRunId()).isEqualTo(done.mlflowRunId());
        assertThat(published.get(0).seriesForecast()).isEqualTo(forecastable.size());

        List<JsonNode> parents = mlflowRunsOf(runId);
        assertThat(parents)
                .as("one MLflow parent run, deleted ones counted too")
                .hasSize(1);
        assertThat(parents.get(0).path("info").path("run_id").asText()).isEqualTo(done.mlflowRunId());
        // one run per training: every series once in its metrics table, no run per series
        assertThat(mlflowChildrenOf(parents.get(0))).isEmpty();
        List<String> tracked = mlflowSeriesTable(done.mlflowRunId()).stream()
                .map(row -> row.get("series_id"))
                .toList();
        assertThat(tracked).containsExactlyInAnyOrderElementsOf(forecastable);

        System.out.printf(
                Locale.ROOT,
                "figures [forecast-service killed mid-fit, twin takes over]: gold series=%d fitted=%d "
                        + "points=%d attempts=%d lease=%ss takeover %.1fs after the kill (dead lease expired %.1fs after it) "
                        + "ForecastsPublished=%d MLflow runs=%d series in its table=%d state=%s/%s%n",
                forecastable.size(),
                storedSeries,
                storedPoints,
                done.attempts(),
                LEASE.toSeconds(),
                Duration.between(killedAt, done.startedAt()).toMillis() / 1000.0,
                Duration.between(killedAt, dead.expiresAt()).toMillis() / 1000.0,
                published.size(),
                parents.size(),
                tracked.size(),
                done.status(),
                done.trackingStatus());
    }

    private Map<String, String> properties() {
        Map<String, String> properties = new TreeMap<>();
        properties.putAll(postgres.springProperties(DATABASE));
        properties.putAll(sqs.springProperties());
        properties.put("spring.cloud.aws.sqs.listener.poll-timeout", "1s");
        properties.put("nyc311.gold.url", warehouse.jdbcUrl());
        properties.put("nyc311.mlflow.tracking-uri", mlflow.trackingUri().toString());
        properties.put("nyc311.mlflow.experiment-name", EXPERIMENT);
        properties.put("nyc311.mlflow.registered-model-name", EXPERIMENT);
        properties.put("nyc311.mlflow.retry-interval", "2s");
        properties.put("nyc311.forecast.horizon-days", Integer.toString(HORIZON));
        // a fit of some seconds per series on one thread: long enough to be killed in the middle of
        properties.put("nyc311.forecast.threads", "1");
        // many trials, so that the fit lasts seconds even on an idle machine: the kill must land inside it
        properties.put("nyc311.forecast.trials", "600");
        properties.put("nyc311.forecast.folds", "4");
        properties.put("nyc311.forecast.lease.duration", LEASE.toSeconds() + "s");
        properties.put("nyc311.forecast.lease.heartbeat", "2s");
        return properties;
    }

    /** The run's row as the instances left it. */
    private record Lease(
            String status,
            String trackingStatus,
            String owner,
            UUID token,
            Instant expiresAt,
            Instant startedAt,
            int attempts,
            Instant publishedAt,
            String mlflowRunId) {}

    private Lease lease(UUID runId) {
        try (Connection connection = postgres.connect(DATABASE);
                PreparedStatement select = connection.prepareStatement("""
                        SELECT status, tracking_status, lease_owner, lease_token, lease_expires_at, started_at, attempts,
                               published_at, mlflow_run_id
                        FROM forecast_run WHERE run_id = ?""")) {
            select.setObject(1, runId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no forecast run " + runId);
                }
                return new Lease(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getObject(4, UUID.class),
                        instant(row.getTimestamp(5)),
                        instant(row.getTimestamp(6)),
                        row.getInt(7),
                        instant(row.getTimestamp(8)),
                        row.getString(9));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int count(String sql, UUID runId) throws SQLException {
        try (Connection connection = postgres.connect(DATABASE);
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, runId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Every ForecastsPublished for the run on its queue: the first awaited, then a while longer so that a second would be seen. */
    private List<ForecastsPublished> publishedFor(UUID runId) {
        List<ForecastsPublished> all = new ArrayList<>();
        await("ForecastsPublished on its queue", Duration.ofSeconds(30), () -> {
            all.addAll(receivePublished());
            return all.isEmpty() ? null : all;
        });
        ServiceJvm.sleep(Duration.ofSeconds(5));
        all.addAll(receivePublished());
        return all.stream()
                .filter(event -> event.forecastRunId().equals(runId.toString()))
                .toList();
    }

    private List<ForecastsPublished> receivePublished() {
        EventJson events = new EventJson();
        List<ForecastsPublished> received = new ArrayList<>();
        for (String body : sqs.takeAll(EventQueue.FORECASTS_PUBLISHED.queueName())) {
            received.add(events.read(body, ForecastsPublished.class));
        }
        return received;
    }

    /** The parent runs MLflow has for the forecast run, active and deleted alike (found by the tag the service sets). */
    private List<JsonNode> mlflowRunsOf(UUID runId) throws Exception {
        String experimentId = mlflowGet("experiments/get-by-name?experiment_name=" + EXPERIMENT)
                .path("experiment")
                .path("experiment_id")
                .asText();
        JsonNode found = mlflowPost(
                "runs/search",
                Map.of(
                        "experiment_ids",
                        List.of(experimentId),
                        "filter",
                        "tags.`nyc311.forecast_run_id` = '" + runId + "'",
                        "run_view_type",
                        "ALL",
                        "max_results",
                        100));
        List<JsonNode> runs = new ArrayList<>();
        found.path("runs").forEach(runs::add);
        return runs;
    }

    private List<JsonNode> mlflowChildrenOf(JsonNode parent) throws Exception {
        JsonNode found = mlflowPost(
                "runs/search",
                Map.of(
                        "experiment_ids",
                        List.of(parent.path("info").path("experiment_id").asText()),
                        "filter",
                        "tags.mlflow.parentRunId = '"
                                + parent.path("info").path("run_id").asText() + "'",
                        "run_view_type",
                        "ALL",
                        "max_results",
                        1000));
        List<JsonNode> runs = new ArrayList<>();
        found.path("runs").forEach(runs::add);
        return runs;
    }

    /** The rows of the run's per-series metrics table, read through the tracking server. */
    private List<Map<String, String>> mlflowSeriesTable(String runId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(
                                mlflow.trackingUri() + "/get-artifact?path=series/metrics.csv&run_uuid=" + runId))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try (MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(response.body())) {
            return rows.readAll();
        }
    }

    private JsonNode mlflowGet(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(mlflow.trackingUri() + "/api/2.0/mlflow/" + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode mlflowPost(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(mlflow.trackingUri() + "/api/2.0/mlflow/" + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode post(ServiceJvm service, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                service.request(path)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body());
    }

    private static boolean logSays(ServiceJvm service, String text) {
        try {
            return Files.exists(service.log())
                    && Files.readString(service.log()).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls until {@code probe} gives a value that is not null; fails with what was awaited. */
    private static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        return Polling.await(what, timeout, Duration.ofMillis(300), probe);
    }
}
