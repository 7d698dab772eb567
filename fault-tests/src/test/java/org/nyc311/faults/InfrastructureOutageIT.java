package org.nyc311.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.controller.job.databricks.JobWritesItsResult;
import org.nyc311.faults.support.ServiceJvm;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.testsupport.events.LandedBatches;
import org.nyc311.testsupport.mlflow.MlflowInstallation;
import org.nyc311.testsupport.mlflow.MlflowServer;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Fault 8: infrastructure down at start, or mid-run: PostgreSQL, S3, SQS, the SQL warehouse and MLflow, one
 * at a time, each stopped and started again on its own port over its own data, under the real service
 * jars. For each: a service starts (or keeps running) without it, alive, with its health saying what is
 * down; work that arrives or is in flight waits and resumes when it is back; no event reaches a dead-letter
 * queue, although the outages a waiting message sees here are longer than the old budget (the 5th and
 * last delivery 4 x the queues' 3 s visibility = 12 s after the first) and shorter than the listeners'
 * budget configured here (2 + 4 + 8 + 16 = 30 s; 15 min with the production defaults).
 *
 * <p>The pipeline job runs as a Databricks job against a stub of the Jobs API (the pipeline-controller's
 * own tests do the same): the outages are about the services and their dependencies, not Spark. The
 * records that move here (a file's records landed by ingest-service) are counted by unique key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(TokenIssuerExtension.class)
class InfrastructureOutageIT {

    private static final String BUCKET = "nyc311-lake";
    private static final Duration START = Duration.ofSeconds(90);
    /** Longer than the old retry budget (4 x 3 s = 12 s), shorter than the one configured below (30 s). */
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private static final String RUNNING = """
            {"job_id": 42, "run_id": 981, "number_in_job": 981, "run_name": "nyc311-delta-batch",
             "state": {"life_cycle_state": "RUNNING", "state_message": ""}}""";
    private static final String SUCCEEDED = """
            {"job_id": 42, "run_id": 981, "number_in_job": 981, "run_name": "nyc311-delta-batch",
             "state": {"life_cycle_state": "TERMINATED", "result_state": "SUCCESS", "state_message": "",
                       "user_cancelled_or_timedout": false},
             "status": {"state": "TERMINATED", "termination_details": {"code": "SUCCESS", "type": "SUCCESS", "message": ""}}}""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventJson EVENTS = new EventJson();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path work;
    private static Path logs;
    private static S3Server s3;
    private static SqsServer sqs;
    private static PostgresServer postgres;
    private static WireMockServer databricks;
    private static ServiceJvm controller;
    private static ServiceJvm ingest;
    private static ServiceJvm forecast;
    private static LocalSqlWarehouseProcess warehouse;
    private static MlflowServer mlflow;
    private static boolean postgresUp = true;
    private static boolean s3Up = true;
    private static boolean sqsUp = true;

    @BeforeAll
    static void servers() throws Exception {
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "outage-it-");
        // PostgreSQL runs as 'nobody' when this JVM is root: it must be able to traverse to its data folder
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        logs = work.resolve("logs");
        s3 = S3Server.start(work.resolve("s3"), 0);
        s3.createBucket(BUCKET);
        sqs = SqsServer.start(0, 3);
        postgres = PostgresServer.start(work.resolve("postgres"), 0);
        for (String database : List.of("pipeline_controller", "ingest_service", "forecast_service")) {
            postgres.createDatabase(database);
        }
        databricks = new WireMockServer(wireMockConfig()
                .bindAddress(Loopback.HOST)
                .dynamicPort()
                .extensions(new JobWritesItsResult(() -> s3.client(), BUCKET, FixtureGold.LAST_DAY, 1)));
        databricks.start();
        databricks.stubFor(post(urlPathEqualTo("/api/2.2/jobs/run-now"))
                .willReturn(okJson("{\"run_id\": 981, \"number_in_job\": 981}")));
        jobState(SUCCEEDED);
        System.out.println("outage: servers and logs in " + work);
    }

    /** A test that failed during its outage leaves a server down: the next one starts with everything up. */
    @BeforeEach
    void everythingUp() throws Exception {
        if (!postgresUp) {
            startPostgres();
        }
        if (!s3Up) {
            startS3();
        }
        if (!sqsUp) {
            startSqs();
        }
        // and Databricks runs end again: a test that failed while they were held RUNNING would hold up the next
        jobState(SUCCEEDED);
    }

    private static void controllerRunning() throws IOException {
        if (controller == null || !controller.isAlive()) {
            if (controller != null) {
                controller.close();
            }
            controller = ServiceJvm.start("pipeline-controller", controllerProperties(), logs)
                    .awaitReady(START);
        }
    }

    private static void ingestRunning(Path replayDirectory) throws IOException {
        if (ingest == null || !ingest.isAlive()) {
            if (ingest != null) {
                ingest.close();
            }
            ingest = ServiceJvm.start("ingest-service", ingestProperties(replayDirectory), logs)
                    .awaitReady(START);
        }
    }

    @AfterAll
    static void stopAll() {
        for (AutoCloseable running :
                new AutoCloseable[] {forecast, ingest, controller, warehouse, mlflow, postgres, sqs, s3}) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                System.out.println("outage: could not stop " + running + ": " + e);
            }
        }
        if (databricks != null) {
            databricks.stop();
        }
        // the servers' data goes; the logs stay for whoever reads a failure
        for (String data : List.of("postgres", "s3", "mlflow", "replay", "hive-jdbc.jar")) {
            deleteQuietly(work.resolve(data));
        }
    }

    private static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(each -> each.toFile().delete());
        } catch (IOException e) {
            System.out.println("outage: could not delete " + path + ": " + e.getMessage());
        }
    }

    /**
     * PostgreSQL away when the controller starts: it starts (no exit, no crash loop), live, not ready, its
     * health naming the database; a RawBatchLanded that arrives meanwhile is retried, not dead-lettered, and
     * runs once the database is back. Then PostgreSQL goes away while a run is in flight (its job running):
     * the job finishes, the run waits for the database to be finished, without running the job again.
     */
    @Test
    @Order(1)
    void postgresql() throws Exception {
        stopPostgres();
        controller = ServiceJvm.start("pipeline-controller", controllerProperties(), logs);
        awaitLive(controller);
        JsonNode down = health(controller);
        assertEquals("DOWN", down.path("components").path("db").path("status").asText(), down.toString());
        assertTrue(
                down.path("components")
                        .path("db")
                        .path("details")
                        .path("error")
                        .asText()
                        .contains("Connection"),
                down.toString());
        assertEquals(503, status(controller.uri("/actuator/health/readiness")), "not ready without its database");

        String early = "outage-pg-start-" + UUID.randomUUID();
        send(EventQueue.RAW_BATCH_LANDED, EVENTS.write(rawBatchLanded(early)));
        ServiceJvm.sleep(OUTAGE);
        assertTrue(
                controller.isAlive(),
                "the controller waits for its database instead of exiting:\n" + controller.tail(20));
        assertTrue(
                Files.readString(controller.log())
                        .contains("waiting for PostgreSQL at " + postgres.jdbcUrl("pipeline_controller")),
                "the log says what is down, where, and for how long");
        assertEquals(
                0,
                queueDepth(EventQueue.RAW_BATCH_LANDED.deadLetterQueueName()),
                "nothing dead-lettered during the outage");

        startPostgres();
        controller.awaitReady(START);
        JsonNode firstRun = awaitRun(early, "SUCCEEDED", Duration.ofSeconds(60));
        assertEquals(1, firstRun.path("attempts").asInt());
        awaitGoldRefreshed(firstRun.path("id").asText());

        // mid-run: the job is running when the database goes away, and succeeds while it is away
        jobState(RUNNING);
        String inFlight = "outage-pg-midrun-" + UUID.randomUUID();
        int jobsBefore = jobsStarted();
        send(EventQueue.RAW_BATCH_LANDED, EVENTS.write(rawBatchLanded(inFlight)));
        awaitTrue("the job of " + inFlight + " started", Duration.ofSeconds(30), () -> jobsStarted() > jobsBefore);
        // the controller records the job's run id, then polls Databricks: the database goes away during the polling
        ServiceJvm.sleep(Duration.ofSeconds(2));
        stopPostgres();
        jobState(SUCCEEDED);
        // no message waits on this one (the listener took it): the run's own wait is what is shown
        ServiceJvm.sleep(Duration.ofSeconds(10));
        assertTrue(controller.isAlive(), controller.tail(20));
        assertEquals(503, status(controller.uri("/actuator/health/readiness")), "not ready while its database is away");
        startPostgres();

        JsonNode run = awaitRun(inFlight, "SUCCEEDED", Duration.ofSeconds(90));
        assertEquals(1, run.path("attempts").asInt(), "the run waited for the database; it did not run the job again");
        assertEquals(jobsBefore + 1, jobsStarted(), "one job for the run");
        awaitGoldRefreshed(run.path("id").asText());
        assertEquals(0, queueDepth(EventQueue.RAW_BATCH_LANDED.deadLetterQueueName()));
        figures("postgresql", "RawBatchLanded in=2 recorded=2 runs SUCCEEDED=2 (1 attempt each) GoldRefreshed=2 dlq=0");
    }

    /**
     * S3 away when ingest-service starts: it starts and is ready (it serves its runs from PostgreSQL), its
     * health naming S3. A run asked for meanwhile fails with the reason and a time to be resumed; once S3 is
     * back the service resumes the same run by itself, and it lands every record. Then S3 goes away after a pipeline job has written its result.json and before the
     * controller reads it: the controller waits for S3 and finishes the run, without running the job again.
     */
    @Test
    @Order(2)
    void s3() throws Exception {
        Path replay = replayFile(300);
        controllerRunning();
        stopS3();
        ingest = ServiceJvm.start("ingest-service", ingestProperties(replay.getParent()), logs)
                .awaitReady(START);
        JsonNode degraded = health(ingest);
        assertEquals(
                "DEGRADED",
                degraded.path("components").path("s3").path("status").asText(),
                degraded.toString());
        assertEquals("UP", degraded.path("components").path("db").path("status").asText(), degraded.toString());

        JsonNode started = startIngestion(replay);
        String runId = started.path("runId").asText();
        JsonNode failed = awaitIngestion(runId, Set.of("FAILED", "COMPLETED"), Duration.ofSeconds(60));
        assertEquals("FAILED", failed.path("status").asText(), failed.toString());
        assertFalse(
                failed.path("retryAt").isNull() || failed.path("retryAt").isMissingNode(),
                "a run failed by an outage is to be resumed: " + failed);
        startS3();
        // nobody asks again: the service resumes the same run once S3 is back
        JsonNode completed = awaitIngestion(runId, Set.of("COMPLETED"), Duration.ofSeconds(90));
        Set<String> in = uniqueKeys(replay);
        Set<String> landed = landedUniqueKeys(completed.path("batchPrefix").asText());
        assertEquals(in, landed, "every record of the file landed once S3 was back");
        // the controller's run of that batch ends first: the Databricks stand-in answers RUNNING for every run
        // below, and a run still going would hold the next one back (one run at a time)
        awaitRun(runId, "SUCCEEDED", Duration.ofSeconds(90));

        // mid-run: result.json is written, then S3 goes away before the controller reads it
        jobState(RUNNING);
        String inFlight = "outage-s3-midrun-" + UUID.randomUUID();
        int jobsBefore = jobsStarted();
        send(EventQueue.RAW_BATCH_LANDED, EVENTS.write(rawBatchLanded(inFlight)));
        awaitTrue("the job of " + inFlight + " started", Duration.ofSeconds(30), () -> jobsStarted() > jobsBefore);
        ServiceJvm.sleep(Duration.ofSeconds(2));
        stopS3();
        jobState(SUCCEEDED);
        ServiceJvm.sleep(Duration.ofSeconds(6));
        JsonNode away = health(controller);
        assertEquals(
                "DEGRADED", away.path("components").path("s3").path("status").asText(), away.toString());
        assertEquals(
                200, status(controller.uri("/actuator/health/readiness")), "S3 is not what the controller serves from");
        startS3();

        JsonNode run = awaitRun(inFlight, "SUCCEEDED", Duration.ofSeconds(60));
        assertEquals(1, run.path("attempts").asInt(), "the run waited for S3; it did not run the job again");
        assertEquals(jobsBefore + 1, jobsStarted());
        awaitGoldRefreshed(run.path("id").asText());
        figures(
                "s3",
                "ingest first run " + failed.path("status").asText() + " ("
                        + failed.path("failureReason").asText("")
                        + "), the same run resumed by the service COMPLETED: in=" + in.size() + " landed="
                        + landed.size() + " lost="
                        + missing(in, landed) + " duplicated="
                        + (completed.path("recordCount").asLong() - landed.size())
                        + "; controller run SUCCEEDED after S3 was back, 1 attempt, 1 job");
    }

    /**
     * SQS away: ingest-service completes a run and keeps its RawBatchLanded in its outbox; the controller's
     * listener keeps polling. When SQS is back (an empty ElasticMQ: real SQS would also have kept what was
     * sent before), the outbox delivers the event, the listener takes it, and the controller's GoldRefreshed
     * follows the same way.
     */
    @Test
    @Order(3)
    void sqs() throws Exception {
        Path replay = replayFile(300, 200);
        controllerRunning();
        ingestRunning(replay.getParent());
        stopSqs();
        ServiceJvm.sleep(Duration.ofSeconds(3));
        JsonNode away = health(ingest);
        assertEquals(
                "DEGRADED", away.path("components").path("sqs").path("status").asText(), away.toString());
        assertEquals(200, status(ingest.uri("/actuator/health/readiness")));

        JsonNode started = startIngestion(replay);
        JsonNode completed =
                awaitIngestion(started.path("runId").asText(), Set.of("COMPLETED"), Duration.ofSeconds(60));
        String ingestionRunId = completed.path("runId").asText();
        assertEquals(1, unsentEvents("ingest_service"), "the RawBatchLanded waits in ingest-service's outbox");
        ServiceJvm.sleep(Duration.ofSeconds(10));
        assertTrue(controller.isAlive() && ingest.isAlive());

        startSqs();
        JsonNode run = awaitRun(ingestionRunId, "SUCCEEDED", Duration.ofSeconds(60));
        awaitGoldRefreshed(run.path("id").asText());
        assertEquals(0, unsentEvents("ingest_service"));
        assertEquals(0, unsentEvents("pipeline_controller"));
        assertEquals(0, queueDepth(EventQueue.RAW_BATCH_LANDED.deadLetterQueueName()));
        Set<String> in = uniqueKeys(replay);
        Set<String> landed = landedUniqueKeys(completed.path("batchPrefix").asText());
        assertEquals(in, landed);
        figures(
                "sqs",
                "in=" + in.size() + " landed=" + landed.size() + " lost=" + missing(in, landed)
                        + "; RawBatchLanded kept in the outbox and delivered after the outage, run SUCCEEDED, GoldRefreshed delivered, dlq=0");
    }

    /**
     * The SQL warehouse and MLflow away when forecast-service starts: it starts and is ready (it serves
     * stored forecasts), its health naming both. A GoldRefreshed that arrives meanwhile makes a run that
     * waits for gold (QUEUED, not FAILED); when the warehouse is back the run succeeds and its forecasts are
     * announced, with tracking pending; when MLflow is back, tracking catches up.
     */
    @Test
    @Order(4)
    void warehouseAndMlflow() throws Exception {
        Path mlflowExecutable;
        try {
            mlflowExecutable = new MlflowInstallation(ServiceJvm.projectRoot()).mlflowExecutable();
        } catch (MlflowInstallation.MlflowUnavailableException e) {
            Assumptions.abort("MLflow is not installable here: " + e.getMessage());
            return;
        }
        int warehousePort = Loopback.freePort();
        int mlflowPort = Loopback.freePort();
        String warehouseUrl =
                "jdbc:hive2://127.0.0.1:" + warehousePort + "/default;transportMode=http;httpPath=cliservice";
        forecast = ServiceJvm.start(
                        "forecast-service", forecastProperties(warehouseUrl, "http://127.0.0.1:" + mlflowPort), logs)
                .awaitReady(START);
        JsonNode degraded = health(forecast);
        assertEquals(
                "DEGRADED",
                degraded.path("components").path("gold").path("status").asText(),
                degraded.toString());
        assertEquals(
                "DEGRADED",
                degraded.path("components").path("mlflow").path("status").asText(),
                degraded.toString());

        GoldRefreshed refreshed = GoldRefreshed.of(
                Clock.systemUTC(),
                "outage-wh-" + UUID.randomUUID(),
                List.of("outage-wh"),
                Map.of("daily_series", 1L),
                FixtureGold.LAST_DAY,
                Map.of("daily_series", 1L));
        send(EventQueue.GOLD_REFRESHED, EVENTS.write(refreshed));
        JsonNode waiting = awaitForecastRun(
                refreshed.eventId(), run -> run.path("error").asText("").contains("gold"), Duration.ofSeconds(60));
        // QUEUED between tries, RUNNING during one; never FAILED while gold is away
        assertTrue(
                Set.of("QUEUED", "RUNNING").contains(waiting.path("status").asText()),
                "the run waits for gold: " + waiting);

        warehouse = LocalSqlWarehouseProcess.start(
                ServiceJvm.projectRoot().resolve("local-sql-warehouse"),
                work.resolve("s3").resolve(BUCKET).toAbsolutePath().toString(),
                warehousePort,
                logs.resolve("local-sql-warehouse.log"),
                Duration.ofMinutes(3));
        FixtureGold.create(warehouse);
        JsonNode succeeded = awaitForecastRun(
                refreshed.eventId(),
                run -> "SUCCEEDED".equals(run.path("status").asText()),
                Duration.ofSeconds(90));
        assertEquals(FixtureGold.SERIES.size(), succeeded.path("seriesForecast").asInt(), succeeded.toString());
        assertEquals("PENDING", succeeded.path("trackingStatus").asText(), "MLflow is still away: " + succeeded);
        awaitTrue(
                "ForecastsPublished sent",
                Duration.ofSeconds(30),
                () -> forecastRun(refreshed.eventId()).path("published").asBoolean());

        mlflow = MlflowServer.start(mlflowExecutable, work.resolve("mlflow"), mlflowPort);
        JsonNode tracked = awaitForecastRun(
                refreshed.eventId(),
                run -> "TRACKED".equals(run.path("trackingStatus").asText()),
                Duration.ofSeconds(90));
        assertTrue(!tracked.path("mlflowRunId").asText("").isBlank(), tracked.toString());
        assertEquals(
                "UP",
                health(forecast).path("components").path("gold").path("status").asText());
        assertEquals(0, queueDepth(EventQueue.GOLD_REFRESHED.deadLetterQueueName()));
        figures(
                "warehouse+mlflow",
                "run QUEUED while gold was away ("
                        + waiting.path("error").asText().lines().findFirst().orElse("")
                        + "), SUCCEEDED with "
                        + succeeded.path("seriesForecast").asInt()
                        + " series once it was back, tracking PENDING then TRACKED ("
                        + tracked.path("trackingAttempts").asInt() + " attempts), ForecastsPublished sent, dlq=0");
    }

    // ---------------------------------------------------------------- the outages

    private static void stopPostgres() {
        postgresUp = false;
        postgres.close();
    }

    private static void startPostgres() throws IOException {
        postgres = postgres.startAgain();
        postgresUp = true;
    }

    private static void stopS3() {
        s3Up = false;
        s3.close();
    }

    private static void startS3() throws Exception {
        s3 = s3.startAgain();
        s3Up = true;
    }

    private static void stopSqs() {
        sqsUp = false;
        sqs.close();
    }

    private static void startSqs() {
        sqs = sqs.startAgain();
        sqsUp = true;
    }

    // ---------------------------------------------------------------- the services

    private static Map<String, String> shared(String database) {
        Map<String, String> properties = new HashMap<>();
        properties.putAll(s3.springProperties());
        properties.putAll(sqs.springProperties());
        properties.put("nyc311.lake.bucket", BUCKET);
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", PostgresServer.SUPERUSER);
        properties.put("spring.cloud.aws.sqs.listener.poll-timeout", "2s");
        // a caller waits 3 s for a connection while PostgreSQL is away (10 s in the services' defaults)
        properties.put("spring.datasource.hikari.connection-timeout", "3000");
        // the listeners' retry budget, scaled down: deliveries 2, 4, 8 and 16 s apart, the 5th and last 30 s after the
        // first
        properties.put("nyc311.messaging.listener-retry.initial-visibility", "2s");
        properties.put("nyc311.messaging.listener-retry.max-visibility", "16s");
        return properties;
    }

    private static Map<String, String> controllerProperties() {
        Map<String, String> properties = shared("pipeline_controller");
        properties.put("nyc311.controller.runner", "databricks");
        properties.put("nyc311.controller.databricks.host", "http://127.0.0.1:" + databricks.port());
        properties.put("nyc311.controller.databricks.token", "dapi-outage-test");
        properties.put("nyc311.controller.databricks.job-id", "42");
        properties.put("nyc311.controller.databricks.poll-initial", "200ms");
        properties.put("nyc311.controller.databricks.poll-max", "1s");
        properties.put("nyc311.controller.poll-interval", "1s");
        properties.put("nyc311.controller.outbox-retry-interval", "2s");
        return properties;
    }

    private static Map<String, String> ingestProperties(Path replayDirectory) {
        Map<String, String> properties = shared("ingest_service");
        properties.put("nyc311.ingest.file.replay-directory", replayDirectory.toString());
        properties.put("nyc311.ingest.schedule.enabled", "false");
        properties.put("nyc311.ingest.events.outbox-retry-interval", "2s");
        // a run failed by an outage is resumed by the service itself; waits this short keep the test short
        properties.put("nyc311.ingest.resume.first-wait", "2s");
        properties.put("nyc311.ingest.resume.max-wait", "5s");
        properties.put("nyc311.ingest.resume.check-every", "500ms");
        return properties;
    }

    private static Map<String, String> forecastProperties(String goldUrl, String trackingUri) {
        Map<String, String> properties = shared("forecast_service");
        properties.put("nyc311.gold.url", goldUrl);
        properties.put("nyc311.gold.connection-timeout", "3s");
        properties.put("nyc311.mlflow.tracking-uri", trackingUri);
        properties.put("nyc311.mlflow.retry-interval", "3s");
        properties.put("nyc311.mlflow.experiment-name", "nyc311-outage-it");
        properties.put("nyc311.mlflow.registered-model-name", "nyc311-outage-it");
        properties.put("nyc311.forecast.horizon-days", "7");
        properties.put("nyc311.forecast.trials", "0");
        properties.put("nyc311.forecast.folds", "2");
        // the sweep that retries a run waiting for gold runs every retry-interval (3 s here): 200 tries, 10 min
        properties.put("nyc311.forecast.max-attempts", "200");
        return properties;
    }

    // ---------------------------------------------------------------- what the test reads

    private static void awaitLive(ServiceJvm service) {
        awaitTrue(service + " live", START, () -> {
            if (!service.isAlive()) {
                throw new IllegalStateException(service + " exited:\n" + service.tail(40));
            }
            return status(service.uri("/actuator/health/liveness")) == 200;
        });
    }

    private static JsonNode health(ServiceJvm service) throws IOException {
        return JSON.readTree(body(service, "/actuator/health"));
    }

    private static JsonNode awaitRun(String ingestionRunId, String state, Duration timeout) {
        JsonNode[] found = new JsonNode[1];
        awaitTrue("pipeline run of " + ingestionRunId + " " + state, timeout, () -> {
            for (JsonNode run : readTree(body(controller, "/api/v1/runs?limit=20"))) {
                for (JsonNode id : run.path("ingestionRunIds")) {
                    if (id.asText().equals(ingestionRunId)
                            && state.equals(run.path("state").asText())) {
                        found[0] = run;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    private static JsonNode startIngestion(Path file) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                ingest.request("/api/v1/ingestions")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"" + file.getFileName() + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitIngestion(String runId, Set<String> statuses, Duration timeout) {
        JsonNode[] found = new JsonNode[1];
        awaitTrue("ingestion run " + runId + " " + statuses, timeout, () -> {
            found[0] = readTree(body(ingest, "/api/v1/ingestions/" + runId));
            return statuses.contains(found[0].path("status").asText());
        });
        return found[0];
    }

    private static JsonNode forecastRun(UUID eventId) {
        for (JsonNode run : readTree(body(forecast, "/api/v1/forecast-runs"))) {
            if (eventId.toString().equals(run.path("eventId").asText())) {
                return run;
            }
        }
        return JSON.createObjectNode();
    }

    private static JsonNode awaitForecastRun(
            UUID eventId, java.util.function.Predicate<JsonNode> condition, Duration timeout) {
        JsonNode[] found = new JsonNode[1];
        awaitTrue(
                "forecast run of GoldRefreshed " + eventId,
                timeout,
                () -> condition.test(found[0] = forecastRun(eventId)));
        return found[0];
    }

    /** Takes GoldRefreshed off its queue, as forecast-service would, until the run's arrives. */
    private static void awaitGoldRefreshed(String pipelineRunId) {
        awaitTrue("GoldRefreshed of pipeline run " + pipelineRunId, Duration.ofSeconds(30), () -> {
            try (SqsClient client = sqs.client()) {
                String url = sqs.queueUrl(EventQueue.GOLD_REFRESHED.queueName());
                for (Message message : client.receiveMessage(
                                r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages()) {
                    client.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                    if (EVENTS.read(message.body(), GoldRefreshed.class)
                            .pipelineRunId()
                            .equals(pipelineRunId)) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    private static long unsentEvents(String database) throws Exception {
        try (Connection connection = postgres.connect(database);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM event_outbox WHERE sent_at IS NULL")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static int jobsStarted() {
        return databricks
                .findAll(postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now")))
                .size();
    }

    private static void jobState(String runsGet) {
        databricks.stubFor(get(urlPathEqualTo("/api/2.2/jobs/runs/get")).willReturn(okJson(runsGet)));
    }

    private static void send(EventQueue queue, String body) {
        sqs.send(queue.queueName(), body);
    }

    private static int queueDepth(String queueName) {
        return sqs.messagesIn(queueName);
    }

    /** The event ingest-service sends for a batch of this ingestion run (its records are not read: the job is a stub). */
    private static RawBatchLanded rawBatchLanded(String ingestionRunId) {
        return LandedBatches.landed(
                Clock.systemUTC(),
                ingestionRunId,
                BUCKET,
                LandedBatches.incrementalWindowTo(LocalDate.of(2026, 4, 30)),
                11);
    }

    /** The first {@code count} records of the real SODA sample (after {@code skip}), as a file ingest-service may replay. */
    private static Path replayFile(int count) throws IOException {
        return replayFile(0, count);
    }

    private static Path replayFile(int skip, int count) throws IOException {
        Path sample = Path.of(
                System.getProperty("nyc311.shared-data", "../shared/data"),
                "records",
                "soda_erm2-nwe9_2026-04_to_06.jsonl.gz");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "the real NYC 311 sample is not at " + sample);
        Path file = work.resolve("replay").resolve("records-" + skip + "-" + count + ".jsonl");
        Files.createDirectories(file.getParent());
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(sample)), StandardCharsets.UTF_8))) {
            Files.write(file, in.lines().skip(skip).limit(count).toList());
        }
        return file;
    }

    private static Set<String> uniqueKeys(Path file) throws IOException {
        Set<String> keys = new HashSet<>();
        for (String line : Files.readAllLines(file)) {
            keys.add(JSON.readTree(line).path("unique_key").asText());
        }
        return keys;
    }

    /** Distinct unique keys in the batch's raw parts, read back through S3. */
    private static Set<String> landedUniqueKeys(String batchPrefix) throws IOException {
        Set<String> keys = new HashSet<>();
        try (S3Client client = s3.client()) {
            for (S3Object object : client.listObjectsV2Paginator(
                            r -> r.bucket(BUCKET).prefix(batchPrefix))
                    .contents()) {
                if (!object.key().endsWith(".json.gz")) {
                    continue;
                }
                byte[] part = client.getObjectAsBytes(r -> r.bucket(BUCKET).key(object.key()))
                        .asByteArray();
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(new java.io.ByteArrayInputStream(part)), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        keys.add(JSON.readTree(line).path("unique_key").asText());
                    }
                }
            }
        }
        return keys;
    }

    private static long missing(Set<String> in, Set<String> landed) {
        return in.stream().filter(key -> !landed.contains(key)).count();
    }

    private static void figures(String outage, String what) {
        System.out.printf("outage [%s]: %s%n", outage, what);
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(15))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String body(ServiceJvm service, String path) {
        try {
            return HTTP.send(
                            service.request(path)
                                    .timeout(Duration.ofSeconds(15))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (UncheckedIOException | software.amazon.awssdk.core.exception.SdkException e) {
                last = e;
            }
            ServiceJvm.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError(
                "not within " + timeout + ": " + what + (last == null ? "" : " (last error: " + last + ")"));
    }

    /**
     * Gold made by SQL in the warehouse, with the columns delta-jobs writes: a few forecastable series of
     * 10 weeks (a weekly pattern with seeded noise), enough for a quick training.
     */
    static final class FixtureGold {

        static final LocalDate LAST_DAY = LocalDate.of(2026, 4, 30);
        static final List<String> SERIES = List.of("all/all", "all/brooklyn", "noise-residential/brooklyn");
        private static final int DAYS = 70;

        static void create(LocalSqlWarehouseProcess warehouse) throws Exception {
            try (Connection connection = hiveDriver().connect(warehouse.jdbcUrl(), new java.util.Properties());
                    Statement sql = connection.createStatement()) {
                String lake = warehouse.lakeRoot().replaceAll("/$", "");
                List<String> rows = new ArrayList<>();
                rows.addAll(series("all/all", "citywide", "all", "All", "all", 400));
                rows.addAll(series("all/brooklyn", "borough", "all", "All", "brooklyn", 90));
                rows.addAll(series(
                        "noise-residential/brooklyn",
                        "complaint_type_borough",
                        "noise-residential",
                        "Noise - Residential",
                        "brooklyn",
                        30));
                // written to the lake's paths, as the gold job writes them: the warehouse registers each table when it
                // appears (every 5 s), with its data, so a reader never meets an empty table
                sql.execute("CREATE TABLE delta.`" + lake + "/gold/daily_series` USING delta AS "
                        + "SELECT * FROM VALUES " + String.join(", ", rows)
                        + " AS t(series_id, level, complaint_type_key, complaint_type, borough_key, date, count)");
                // the catalog last: a reader that polls meanwhile finds no catalog (and waits), never an empty one
                sql.execute("CREATE TABLE delta.`" + lake + "/gold/series_catalog` USING delta AS "
                        + "SELECT series_id, level, complaint_type_key, complaint_type, borough_key, min(date) AS first_date, "
                        + "max(date) AS last_date, max(CASE WHEN count > 0 THEN date END) AS last_nonzero_date, "
                        + "avg(count) AS mean_count, count(1) AS days, count(1) >= 56 AS forecastable "
                        + "FROM delta.`" + lake
                        + "/gold/daily_series` GROUP BY series_id, level, complaint_type_key, complaint_type, "
                        + "borough_key");
            }
        }

        /**
         * The Hive JDBC driver forecast-service ships, taken from its packaged jar: this module has no driver of its
         * own on its classpath (a test dependency on {@code kyuubi-hive-jdbc-shaded} would replace this).
         */
        private static java.sql.Driver hiveDriver() throws Exception {
            Path driverJar = work.resolve("hive-jdbc.jar");
            if (!Files.exists(driverJar)) {
                try (java.util.jar.JarFile fat = new java.util.jar.JarFile(
                        ServiceJvm.jarOf("forecast-service").toFile())) {
                    java.util.jar.JarEntry entry = fat.stream()
                            .filter(e -> e.getName().matches("BOOT-INF/lib/kyuubi-hive-jdbc-shaded-.*\\.jar"))
                            .findFirst()
                            .orElseThrow(
                                    () -> new IllegalStateException("no Hive JDBC driver in forecast-service's jar"));
                    try (var in = fat.getInputStream(entry)) {
                        Files.copy(in, driverJar);
                    }
                }
            }
            java.net.URLClassLoader loader = new java.net.URLClassLoader(
                    new java.net.URL[] {driverJar.toUri().toURL()}, InfrastructureOutageIT.class.getClassLoader());
            return (java.sql.Driver) Class.forName("org.apache.kyuubi.jdbc.KyuubiHiveDriver", true, loader)
                    .getDeclaredConstructor()
                    .newInstance();
        }

        private static List<String> series(
                String id, String level, String typeKey, String type, String borough, int base) {
            java.util.Random noise = new java.util.Random(id.hashCode());
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < DAYS; i++) {
                LocalDate day = LAST_DAY.minusDays(DAYS - 1L - i);
                double weekly = day.getDayOfWeek().getValue() >= 6 ? 1.4 : 1.0;
                long count = Math.max(0, Math.round(base * weekly + noise.nextGaussian() * Math.sqrt(base)));
                rows.add(String.format(
                        Locale.ROOT,
                        "('%s', '%s', '%s', '%s', '%s', DATE'%s', CAST(%d AS BIGINT))",
                        id,
                        level,
                        typeKey,
                        type,
                        borough,
                        day,
                        count));
            }
            return rows;
        }
    }
}
