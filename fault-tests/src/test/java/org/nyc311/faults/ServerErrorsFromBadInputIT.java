package org.nyc311.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.faults.support.ServiceJvm;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Fault 9, server errors from bad input: the four backend services as their jars, on real PostgreSQL,
 * S3 and SQS, are sent what a careless or hostile client sends, and what an outage does to a request.
 * Nothing of it may be a 500: a client's mistake is a 4xx problem detail (RFC 9457) that says what to
 * change, and an outage or a full queue a 503 with Retry-After.
 *
 * <ul>
 *   <li>a full ingest queue (one run executing, one waiting): the next start is a 503, its window lands
 *       nothing while refused, and lands exactly once when started again after Retry-After;</li>
 *   <li>{@code from=+999999999-12-31} on forecast's {@code /past} and {@code /history}, anomaly's
 *       {@code /anomalies}, ingest's window and a posted history: 400s saying the range;</li>
 *   <li>a {@code multipart/form-data} Content-Type without a boundary on GETs, API and actuator: 400;</li>
 *   <li>PostgreSQL stopped during requests: 503 with Retry-After from every service, and each service
 *       answers again once PostgreSQL is back on the same data folder and port.</li>
 * </ul>
 *
 * The servers here are this class's own, not the shared ones: PostgreSQL is stopped and restarted, and
 * no message of another test may reach these services.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(TokenIssuerExtension.class)
class ServerErrorsFromBadInputIT {

    private static final String BUCKET = "nyc311-errors";
    private static final String PROBLEM = "application/problem+json";
    /** nyc311.api.retry-after for every service here: the configured value, not the default, must reach the header. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private static final String SODA_PATH = "/resource/erm2-nwe9.json";
    /** How long a SODA page of the queue-filling windows takes: long enough to hold the one ingestion thread. */
    private static final int SLOW_PAGE_MILLIS = 6_000;

    private static final String FAR = "%2B999999999-12-31";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> DATABASES = Map.of(
            "ingest-service",
            "errors_ingest",
            "pipeline-controller",
            "errors_controller",
            "forecast-service",
            "errors_forecast",
            "anomaly-service",
            "errors_anomaly");

    private static Path work;
    private static PostgresServer postgres;
    private static S3Server s3;
    private static SqsServer sqs;
    private static WireMockServer soda;
    private static final Map<String, ServiceJvm> services = new TreeMap<>();
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Every answer of this class by status, for the summary line and the check that none was a 500. */
    private static final Map<Integer, Integer> answers = new TreeMap<>();
    /** The refused ingestion run, for the outage test's reads. */
    private static String refusedRunId;

    @BeforeAll
    static void startPlatform() throws Exception {
        // under java.io.tmpdir, which PostgreSQL running as 'nobody' (when the JVM is root) can traverse
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "nyc311-server-errors-");
        // a temporary folder is closed to others; PostgreSQL's data folder below it must be reachable
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path logs = Path.of("target", "fault-logs", "server-errors").toAbsolutePath();
        Files.createDirectories(logs);
        postgres = PostgresServer.start(work.resolve("postgres"), 0);
        DATABASES.values().forEach(postgres::createDatabase);
        s3 = S3Server.start(work.resolve("s3"), 0);
        s3.createBucket(BUCKET);
        sqs = SqsServer.start(0, 3);
        soda = new WireMockServer(options().bindAddress(Loopback.HOST).dynamicPort());
        soda.start();

        Path deltaJobs = ServiceJvm.projectRoot().resolve("delta-jobs").resolve("target");
        Map<String, Map<String, String>> own = Map.of(
                "ingest-service",
                        Map.of(
                                "nyc311.ingest.soda.base-url", soda.baseUrl(),
                                "nyc311.ingest.schedule.enabled", "false",
                                // nothing downstream runs here: a landed batch is checked in S3, not announced
                                "nyc311.ingest.events.enabled", "false",
                                // one run executing and one waiting fill the queue
                                "nyc311.ingest.runs.threads", "1",
                                "nyc311.ingest.runs.queue-capacity", "1"),
                "pipeline-controller",
                        Map.of(
                                "nyc311.controller.local.lake-root",
                                        work.resolve("s3").resolve(BUCKET).toString(),
                                "nyc311.controller.local.delta-jobs-jar",
                                        deltaJobs.resolve("delta-jobs.jar").toString(),
                                "nyc311.controller.local.classpath-file",
                                        deltaJobs
                                                .resolve("delta-jobs.classpath")
                                                .toString(),
                                "nyc311.controller.local.log-directory",
                                        logs.resolve("pipeline-runs").toString()),
                // no warehouse: nothing here reads gold, and the services start without it
                "forecast-service", Map.of("nyc311.gold.url", deadWarehouse()),
                "anomaly-service", Map.of("nyc311.gold.url", deadWarehouse()));
        for (String module : DATABASES.keySet()) {
            Map<String, String> properties = new HashMap<>();
            properties.putAll(s3.springProperties());
            properties.putAll(sqs.springProperties());
            properties.put("nyc311.lake.bucket", BUCKET);
            properties.put("spring.datasource.url", postgres.jdbcUrl(DATABASES.get(module)));
            properties.put("spring.datasource.username", PostgresServer.SUPERUSER);
            properties.put("nyc311.api.retry-after", RETRY_AFTER_SECONDS + "s");
            properties.putAll(own.get(module));
            services.put(module, ServiceJvm.start(module, properties, logs));
        }
        for (ServiceJvm service : services.values()) {
            service.awaitReady(Duration.ofMinutes(3));
        }
    }

    @AfterAll
    static void stopPlatform() throws IOException {
        System.out.printf(
                "answers [fault 9, server errors from bad input]: by status %s; 500s=%d%n",
                answers, answers.getOrDefault(500, 0));
        // nothing is checked after the tests: kill -9 instead of a graceful stop that waits out the SQS long polls
        services.values().forEach(ServiceJvm::kill);
        if (soda != null) {
            soda.stop();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        assertThat(answers).as("no answer of this class may be a 500").doesNotContainKey(500);
    }

    @Test
    @Order(1)
    void aFullIngestQueueIsA503WithRetryAfterAndTheRefusedWindowLandsExactlyOnceWhenStartedAgain() throws Exception {
        List<String> served = List.of("9100001", "9100002", "9100003");
        // the first two windows hold the one thread and the one place in the queue
        soda.stubFor(get(urlPathEqualTo(SODA_PATH))
                .atPriority(5)
                .willReturn(json("[]").withFixedDelay(SLOW_PAGE_MILLIS)));
        soda.stubFor(get(urlPathEqualTo(SODA_PATH))
                .atPriority(1)
                // the first page: ingest pages by key, and only later pages ask for ids after the last one served
                .withQueryParam("$where", containing("2020-07-03").and(notContaining(":id >")))
                .willReturn(json(records(served, "2020-07-03"))));
        soda.stubFor(get(urlPathEqualTo(SODA_PATH))
                .atPriority(2)
                .withQueryParam("$where", containing("2020-07-03"))
                .willReturn(json("[]")));
        ServiceJvm ingest = services.get("ingest-service");

        Answer executing = send(ingest, "POST", "/api/v1/ingestions", window("2020-07-01"));
        Answer waiting = send(ingest, "POST", "/api/v1/ingestions", window("2020-07-02"));
        Answer refused = send(ingest, "POST", "/api/v1/ingestions", window("2020-07-03"));

        assertThat(executing.status()).as(executing.body()).isEqualTo(202);
        assertThat(waiting.status()).as(waiting.body()).isEqualTo(202);
        refused.assertProblem(503, "Ingestion queue full");
        assertThat(refused.retryAfter()).isEqualTo(Integer.toString(RETRY_AFTER_SECONDS));
        assertThat(refused.json().path("detail").asText()).contains("start it again later");
        refusedRunId = refused.json().path("runId").asText();
        assertThat(refusedRunId).isNotBlank();

        // refused means not started: recorded as failed, nothing landed for it
        JsonNode whileRefused =
                send(ingest, "GET", "/api/v1/ingestions/" + refusedRunId, null).json();
        assertThat(whileRefused.path("status").asText()).isEqualTo("FAILED");
        assertThat(whileRefused.path("failureReason").asText()).contains("not started");
        assertThat(landedKeys(whileRefused.path("batchPrefix").asText())).isEmpty();

        // after the two runs ahead of it, the same window starts again: the refused run resumes, once
        awaitEnd(ingest, executing.json().path("runId").asText());
        awaitEnd(ingest, waiting.json().path("runId").asText());
        Answer again = send(ingest, "POST", "/api/v1/ingestions", window("2020-07-03"));
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().path("runId").asText()).isEqualTo(refusedRunId);
        JsonNode done = awaitEnd(ingest, refusedRunId);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");

        List<String> landed = landedKeys(done.path("batchPrefix").asText());
        long distinct = landed.stream().distinct().count();
        long lost = served.stream().filter(key -> !landed.contains(key)).count();
        System.out.printf(
                "landed [fault 9, full ingest queue]: refused run %s landed 0 while refused; started again: "
                        + "in=%d landed=%d lost=%d duplicated=%d%n",
                refusedRunId, served.size(), distinct, lost, landed.size() - distinct);
        assertThat(landed).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    @Order(2)
    void datesBeyondTheCalendarAre400sSayingTheRangeNotServerErrors() throws Exception {
        ServiceJvm forecast = services.get("forecast-service");
        ServiceJvm anomaly = services.get("anomaly-service");
        ServiceJvm ingest = services.get("ingest-service");
        List<Answer> refusals = List.of(
                send(
                        forecast,
                        "GET",
                        "/api/v1/forecasts/noise-residential/brooklyn/past?from=" + FAR + "&to=" + FAR,
                        null),
                send(
                        forecast,
                        "GET",
                        "/api/v1/series/noise-residential/brooklyn/history?from=" + FAR + "&to=" + FAR,
                        null),
                send(forecast, "GET", "/api/v1/series/noise-residential/brooklyn/history?from=" + FAR, null),
                send(
                        forecast,
                        "GET",
                        "/api/v1/series/noise-residential/brooklyn/history?from=2009-12-31&to=2010-01-31",
                        null),
                send(forecast, "GET", "/api/v1/forecasts/noise-residential/brooklyn?madeBefore=" + FAR, null),
                send(
                        forecast,
                        "POST",
                        "/api/v1/forecasts",
                        "{\"horizon\":7,\"history\":[{\"date\":\"+999999999-12-30\",\"count\":4},"
                                + "{\"date\":\"+999999999-12-31\",\"count\":6}]}"),
                send(anomaly, "GET", "/api/v1/anomalies?from=" + FAR, null),
                send(anomaly, "GET", "/api/v1/anomalies?from=2026-01-01&to=" + FAR, null),
                send(
                        ingest,
                        "POST",
                        "/api/v1/ingestions",
                        "{\"kind\":\"BACKFILL\",\"from\":\"+999999999-12-30T00:00:00\",\"to\":\"+999999999-12-31T23:59:59\"}"));
        for (Answer answer : refusals) {
            answer.assertProblem(400, "Bad request");
            assertThat(answer.json().path("detail").asText())
                    .as(answer.body())
                    .contains("must be between 2010-01-01 and");
        }
    }

    @Test
    @Order(3)
    void aMultipartContentTypeWithoutBoundaryIsA400OnEveryGet() throws Exception {
        Map<String, List<String>> paths = Map.of(
                "ingest-service", List.of("/api/v1/ingestions/" + refusedRunId, "/actuator/health"),
                "pipeline-controller", List.of("/api/v1/runs", "/actuator/health"),
                "forecast-service",
                        List.of(
                                "/api/v1/forecast-runs",
                                "/api/v1/forecasts/noise-residential/brooklyn/past?from=2026-01-01&to=2026-01-31",
                                "/actuator/health"),
                "anomaly-service", List.of("/api/v1/alerts", "/actuator/health"));
        for (var service : paths.entrySet()) {
            for (String path : service.getValue()) {
                Answer answer = getWithoutBoundary(services.get(service.getKey()), path);
                answer.assertProblem(400, "Unreadable multipart request");
                assertThat(answer.json().path("detail").asText()).contains("boundary");
            }
        }
    }

    @Test
    @Order(4)
    void aDatabaseOutageIsA503WithRetryAfterAndEveryServiceAnswersAgainOnceItIsBack() throws Exception {
        Map<String, String> reads = Map.of(
                "ingest-service", "/api/v1/ingestions/" + refusedRunId,
                "pipeline-controller", "/api/v1/runs",
                "forecast-service", "/api/v1/forecast-runs",
                "anomaly-service", "/api/v1/alerts");
        for (var read : reads.entrySet()) {
            assertThat(send(services.get(read.getKey()), "GET", read.getValue(), null)
                            .status())
                    .isEqualTo(200);
        }
        Path data = postgres.dataDirectory();
        int port = postgres.port();
        postgres.close();
        try {
            // every request waits for a connection (Hikari's connection timeout, 30 s by default) at once
            List<CompletableFuture<Answer>> during = new ArrayList<>();
            reads.forEach((module, path) -> during.add(sendAsync(services.get(module), "GET", path, null)));
            during.add(sendAsync(services.get("ingest-service"), "POST", "/api/v1/ingestions", window("2020-07-04")));
            for (CompletableFuture<Answer> future : during) {
                Answer answer = future.join();
                answer.assertProblem(503, "Service unavailable");
                assertThat(answer.retryAfter()).isEqualTo(Integer.toString(RETRY_AFTER_SECONDS));
                assertThat(answer.body()).doesNotContain("jdbc:", "Exception", "at org.");
            }
        } finally {
            postgres = PostgresServer.start(data, port);
        }
        for (var read : reads.entrySet()) {
            Answer answer = awaitStatus(services.get(read.getKey()), read.getValue(), 200, Duration.ofSeconds(60));
            assertThat(answer.status())
                    .as(read.getKey() + " after PostgreSQL is back: " + answer.body())
                    .isEqualTo(200);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String deadWarehouse() {
        return "jdbc:hive2://127.0.0.1:" + Loopback.freePort() + "/default;transportMode=http;httpPath=cliservice";
    }

    private static String window(String day) {
        return "{\"kind\":\"BACKFILL\",\"from\":\"" + day + "\",\"to\":\"" + day + "\"}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(body);
    }

    /** SODA's shape: every value a string, one record per unique key, created on {@code day}. */
    private static String records(List<String> keys, String day) {
        var array = JSON.createArrayNode();
        for (int i = 0; i < keys.size(); i++) {
            var record = array.addObject();
            record.put(":id", "row-" + keys.get(i));
            record.put("unique_key", keys.get(i));
            record.put("created_date", day + "T0" + i + ":15:00.000");
            record.put("agency", "NYPD");
            record.put("complaint_type", "Noise - Residential");
            record.put("descriptor", "Loud Music/Party");
            record.put("borough", "BROOKLYN");
        }
        return array.toString();
    }

    /** The unique keys in the raw parts under a batch prefix, one entry per landed record. */
    private static List<String> landedKeys(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        try (S3Client client = s3.client()) {
            List<S3Object> objects =
                    client.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                            .toList();
            for (S3Object object : objects) {
                if (!object.key().endsWith(".json.gz")) {
                    continue;
                }
                try (ResponseInputStream<GetObjectResponse> in =
                                client.getObject(r -> r.bucket(BUCKET).key(object.key()));
                        BufferedReader lines = new BufferedReader(
                                new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (!line.isBlank()) {
                            keys.add(JSON.readTree(line).path("unique_key").asText());
                        }
                    }
                }
            }
        }
        return keys;
    }

    private static JsonNode awaitEnd(ServiceJvm ingest, String runId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        JsonNode run = send(ingest, "GET", "/api/v1/ingestions/" + runId, null).json();
        while (run.path("status").asText().equals("RUNNING") && Instant.now().isBefore(deadline)) {
            ServiceJvm.sleep(Duration.ofMillis(250));
            run = send(ingest, "GET", "/api/v1/ingestions/" + runId, null).json();
        }
        return run;
    }

    private static Answer awaitStatus(ServiceJvm service, String path, int status, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Answer answer = send(service, "GET", path, null);
        while (answer.status() != status && Instant.now().isBefore(deadline)) {
            ServiceJvm.sleep(Duration.ofMillis(500));
            answer = send(service, "GET", path, null);
        }
        return answer;
    }

    private static HttpRequest request(ServiceJvm service, String method, String path, String body) {
        HttpRequest.Builder request = service.request(path).timeout(Duration.ofSeconds(90));
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** A GET whose Content-Type announces a multipart body but names no boundary, as a careless client sends it. */
    private static Answer getWithoutBoundary(ServiceJvm service, String path) throws Exception {
        return send(service.request(path)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data")
                .GET()
                .build());
    }

    private static Answer send(ServiceJvm service, String method, String path, String body) throws Exception {
        return send(request(service, method, path, body));
    }

    private static CompletableFuture<Answer> sendAsync(ServiceJvm service, String method, String path, String body) {
        return http.sendAsync(request(service, method, path, body), HttpResponse.BodyHandlers.ofString())
                .thenApply(ServerErrorsFromBadInputIT::answer);
    }

    private static Answer send(HttpRequest request) throws Exception {
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> response) {
        synchronized (answers) {
            answers.merge(response.statusCode(), 1, Integer::sum);
        }
        return new Answer(
                response.request().method() + " " + response.uri(),
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Retry-After").orElse(null),
                response.body());
    }

    private record Answer(String request, int status, String contentType, String retryAfter, String body) {

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        /** Status, {@code application/problem+json} and the problem's members: type, title, status, detail, instance. */
        void assertProblem(int expectedStatus, String title) throws IOException {
            assertThat(status).as(request + " answered " + body).isEqualTo(expectedStatus);
            assertThat(contentType).as(request).isEqualTo(PROBLEM);
            JsonNode problem = json();
            assertThat(problem.path("type").asText()).as(request).isEqualTo("about:blank");
            assertThat(problem.path("title").asText()).as(request + " " + body).isEqualTo(title);
            assertThat(problem.path("status").asInt()).as(request).isEqualTo(expectedStatus);
            assertThat(problem.path("detail").asText()).as(request).isNotBlank();
            assertThat(problem.path("instance").asText())
                    .as(request)
                    .isEqualTo(URI.create(request.substring(request.indexOf(' ') + 1))
                            .getPath());
        }
    }
}
