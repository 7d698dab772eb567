package org.nyc311.launcher.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.api.access.ServiceCallSettings;
import org.nyc311.api.anomaly.CheckView;
import org.nyc311.api.forecast.CrossValidation;
import org.nyc311.api.forecast.RunView;
import org.nyc311.api.ingest.IngestionRunView;
import org.nyc311.api.pipeline.PipelineRunView;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * The first intake against a loopback server answering each service's API with its service-api records: it starts
 * the ingestion, follows the batch through the pipeline run, the forecast run and the anomaly check, and stops at
 * a refusal, naming it.
 */
class FirstIntakeTest {

    private static final UUID GOLD_EVENT = UUID.randomUUID();
    private static final UUID FORECAST_RUN = UUID.randomUUID();
    private static final IngestionWindow WINDOW = new IngestionWindow(
            IngestionWindow.Kind.BACKFILL,
            LocalDateTime.parse("2026-05-25T00:00:00"),
            LocalDateTime.parse("2026-05-31T23:59:59"));

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final StringWriter console = new StringWriter();
    private HttpServer server;
    private volatile int startStatus = 202;

    @BeforeEach
    void services() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/ingestions", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                answer(
                        exchange,
                        startStatus,
                        startStatus == 202
                                ? ingestion(IngestionRunView.Status.RUNNING)
                                : Map.of("title", "Window already running", "status", 409, "runningRunId", "r-0"));
            } else {
                answer(exchange, 200, ingestion(IngestionRunView.Status.COMPLETED));
            }
        });
        server.createContext(
                "/api/v1/runs",
                exchange -> answer(
                        exchange,
                        200,
                        List.of(new PipelineRunView(
                                UUID.randomUUID(),
                                PipelineRunView.State.SUCCEEDED,
                                Instant.parse("2026-06-01T07:00:00Z"),
                                Instant.parse("2026-06-01T07:00:05Z"),
                                Instant.parse("2026-06-01T07:04:00Z"),
                                1,
                                null,
                                "local-run-1",
                                null,
                                List.of("r-1"),
                                List.of(),
                                null,
                                GOLD_EVENT))));
        server.createContext(
                "/api/v1/forecast-runs",
                exchange -> answer(
                        exchange,
                        200,
                        List.of(new RunView(
                                FORECAST_RUN,
                                "EVENT",
                                GOLD_EVENT,
                                "SUCCEEDED",
                                42L,
                                LocalDate.of(2023, 6, 1),
                                LocalDate.of(2026, 5, 31),
                                14,
                                4,
                                0,
                                new CrossValidation(0.1, 0.1, 0.8, 0.95, 0),
                                "TRACKED",
                                1,
                                null,
                                null,
                                true,
                                true,
                                null))));
        server.createContext(
                "/api/v1/checks",
                exchange -> answer(
                        exchange,
                        200,
                        List.of(new CheckView(
                                UUID.randomUUID(),
                                FORECAST_RUN.toString(),
                                Instant.parse("2026-06-01T07:10:00Z"),
                                LocalDate.of(2026, 5, 31),
                                4,
                                28,
                                2,
                                1,
                                0))));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aBatchIsFollowedFromItsIngestionToItsAnomalyCheck() throws Exception {
        boolean done = intake().run(new FirstIntake.Request(List.of(), 7, LocalDate.of(2026, 6, 1)));

        assertThat(done).as(console.toString()).isTrue();
        assertThat(json.readTree(posted.get(0)))
                .isEqualTo(json.readTree(
                        "{\"kind\":\"BACKFILL\",\"from\":\"2026-05-25\",\"to\":\"2026-05-31\",\"source\":null}"));
        assertThat(console.toString())
                .contains("4200 records in 3 parts")
                .contains("4 series forecast, 0 failed")
                .contains("28 series-days judged, 2 anomalies, 1 alerts opened, 0 closed");
    }

    @Test
    void aReplayedFileIsNamedByItsFileNameAndARefusalStopsTheIntake() throws Exception {
        startStatus = 409;

        boolean done = intake().run(new FirstIntake.Request(
                List.of(Path.of("/data/replay/day-1.jsonl.gz")), 7, LocalDate.of(2026, 6, 1)));

        assertThat(done).isFalse();
        assertThat(json.readTree(posted.get(0)).path("source").asText()).isEqualTo("day-1.jsonl.gz");
        assertThat(console.toString())
                .contains("refused")
                .contains("ingest-service answered 409")
                .contains("r-0");
    }

    private FirstIntake intake() {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new FirstIntake(
                Map.of(
                        LocalService.INGEST,
                        uri,
                        LocalService.PIPELINE_CONTROLLER,
                        uri,
                        LocalService.FORECAST,
                        uri,
                        LocalService.ANOMALY,
                        uri),
                ServiceCallSettings.none(),
                new PrintWriter(console, true),
                Duration.ofSeconds(20));
    }

    private IngestionRunView ingestion(IngestionRunView.Status status) {
        return new IngestionRunView(
                "r-1",
                WINDOW,
                "api",
                1000,
                LocalDate.of(2026, 6, 1),
                "raw/2026-06-01/r-1/",
                status,
                status == IngestionRunView.Status.COMPLETED ? 4200 : 0,
                status == IngestionRunView.Status.COMPLETED ? 3 : 0,
                null,
                null,
                Instant.parse("2026-06-01T07:00:00Z"),
                null,
                null,
                null);
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders()
                .set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
