package org.nyc311.launcher.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.launcher.Nyc311;
import org.nyc311.launcher.demo.DemoCity;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.testsupport.aws.LocalAwsAccount;
import org.nyc311.testsupport.mlflow.MlflowInstallation;
import org.nyc311.testsupport.mlflow.MlflowRest;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.s3.S3Server;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts the real local platform (every embedded server and the five service JVMs) the way
 * {@code ./nyc311 up} does, checks each component over its network port, and runs the end-to-end chain.
 */
class LocalPlatformIT {

    private static final Path ROOT = MlflowInstallation.projectRoot();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final HttpClient http = HttpClient.newHttpClient();
    /** The analyst's token `./nyc311 token` printed, once the platform runs; every API call of this test sends it. */
    private String bearerToken;

    @BeforeAll
    static void serviceJarsAreBuilt() {
        for (LocalService service : LocalService.values()) {
            Path jar = ROOT.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
            Assumptions.assumeTrue(
                    Files.isRegularFile(jar),
                    "skipped: " + jar
                            + " is not built; run the whole reactor (./mvnw verify) rather than -pl launcher");
        }
    }

    /**
     * The whole chain on the demo city, as {@code ./nyc311 up --demo} runs it: two batches go from
     * RawBatchLanded through the Delta pipeline, forecasts and the anomaly check to an AnomalyAlert for
     * the spike of the second batch, which the public APIs and the dashboard (in Chromium) then show.
     */
    @Test
    void theDemoCityTravelsFromIntakeToAnAlertSeenInTheApisAndTheDashboardAndNothingOutlivesThePlatform(
            @TempDir Path work) throws Exception {
        // as under the project folder: PostgreSQL may run as 'nobody' and must traverse it (@TempDir is 700)
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        PlatformPorts ports = freePorts();
        StringWriter console = new StringWriter();
        List<ProcessHandle> children;
        ZonedDateTime now = ZonedDateTime.now(NEW_YORK);
        LocalDate today = now.toLocalDate();
        List<Path> batches = new DemoCity().write(work.resolve("demo"), now, 311L);

        try (LocalPlatform platform = LocalPlatform.start(
                ROOT,
                work,
                ports,
                MlflowInstallation.pythonAvailable(),
                work.resolve("demo"),
                new PrintWriter(console, true))) {
            for (LocalService service : LocalService.values()) {
                HttpResponse<String> health =
                        get(URI.create("http://127.0.0.1:" + ports.of(service) + "/actuator/health"));
                assertThat(health.statusCode()).as(service.module()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"");
            }
            try (S3Client s3 = s3(ports)) {
                assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains(LocalPlatform.BUCKET);
                s3.putObject(
                        r -> r.bucket(LocalPlatform.BUCKET).key("raw/marker"), RequestBody.fromString("first run"));
            }
            try (SqsClient sqs = sqs(ports)) {
                assertThat(sqs.listQueues().queueUrls()).hasSize(2 * EventQueue.values().length);
            }
            try (Connection db = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/postgres", "postgres", "");
                    ResultSet rows =
                            db.createStatement().executeQuery("SELECT datname FROM pg_database ORDER BY datname")) {
                List<String> databases = new java.util.ArrayList<>();
                while (rows.next()) {
                    databases.add(rows.getString(1));
                }
                assertThat(databases)
                        .contains(
                                "ingest_service",
                                "pipeline_controller",
                                "forecast_service",
                                "anomaly_service",
                                "dashboard_ui");
            }
            platform.mlflowUri()
                    .ifPresent(uri ->
                            assertThat(get(uri.resolve("/health")).statusCode()).isEqualTo(200));
            assertThat(Loopback.isListening(ports.warehouse()))
                    .as("local-sql-warehouse")
                    .isTrue();

            // the first intake, as up --demo runs it: each batch ingest -> controller -> Spark -> forecasts -> anomaly
            // check
            boolean chainCompleted = new FirstIntake(
                            platform.serviceUris(),
                            platform.analystClient(),
                            new PrintWriter(console, true),
                            java.time.Duration.ofMinutes(5))
                    .run(new FirstIntake.Request(batches, 7, today));
            assertThat(chainCompleted).as(console.toString()).isTrue();
            assertThat(console.toString())
                    .contains(
                            "batch                  2 of 2",
                            "intake                 completed",
                            "pipeline               succeeded",
                            "forecasts              succeeded",
                            "anomalies              checked");

            URI forecast = platform.serviceUris().get(LocalService.FORECAST);
            URI anomaly = platform.serviceUris().get(LocalService.ANOMALY);

            // the APIs check tokens as in production: none is a 401, `./nyc311 token --scope nyc311/read` reads,
            // and the same token cannot start a training
            assertThat(get(anomaly.resolve("/api/v1/alerts")).statusCode()).isEqualTo(401);
            StringWriter printed = new StringWriter();
            assertThat(Nyc311.commandLine()
                            .setOut(new PrintWriter(printed, true))
                            .execute("token", "--workdir", work.toString(), "--scope", "nyc311/read"))
                    .isZero();
            bearerToken = printed.toString().trim();
            HttpResponse<String> training = http.send(
                    HttpRequest.newBuilder(forecast.resolve("/api/v1/forecast-runs"))
                            .header("Authorization", "Bearer " + bearerToken)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(training.statusCode()).as(training.body()).isEqualTo(403);
            String spiking = DemoCity.SPIKING_SERIES;
            LocalDate spikeStart = today.minusDays(DemoCity.SPIKE_DAYS);

            // forecasts: made after the second batch, from its last complete day on
            JsonNode stored = json(get(forecast.resolve("/api/v1/forecasts/" + spiking)));
            LocalDate lastActual = LocalDate.parse(stored.path("lastActualDate").asText());
            assertThat(lastActual)
                    .as("the last complete day of the second batch")
                    .isBetween(today.minusDays(2), today.minusDays(1));
            assertThat(stored.path("points")).hasSize(30);
            assertThat(stored.at("/points/0/date").asText())
                    .isEqualTo(lastActual.plusDays(1).toString());
            assertThat(json(get(forecast.resolve("/api/v1/series"))).findValuesAsText("seriesId"))
                    .contains(spiking, "all/brooklyn", "all/all", "heat-hot-water/bronx");
            // the levels add up as served, day by day (the training reconciled them): Brooklyn is its three types,
            // the city its five boroughs (every series of the demo city is forecast, so no remainder is left out);
            // all of them from the newest training, which fitted every series
            String run = stored.path("forecastRunId").asText();
            assertThat(json(get(forecast.resolve("/api/v1/forecast-runs/" + run)))
                            .path("seriesFailed")
                            .asInt())
                    .isZero();
            double[] brooklyn = servedForecast(forecast, run, "all/brooklyn");
            double[] brooklynTypes = plus(
                    servedForecast(forecast, run, spiking),
                    servedForecast(forecast, run, "heat-hot-water/brooklyn"),
                    servedForecast(forecast, run, "illegal-parking/brooklyn"));
            double[] city = servedForecast(forecast, run, "all/all");
            double[] boroughs = plus(
                    servedForecast(forecast, run, "all/bronx"),
                    brooklyn,
                    servedForecast(forecast, run, "all/manhattan"),
                    servedForecast(forecast, run, "all/queens"),
                    servedForecast(forecast, run, "all/staten-island"));
            for (int day = 0; day < 30; day++) {
                assertThat(brooklyn[day]).isCloseTo(brooklynTypes[day], within(1e-6 * Math.max(1, brooklyn[day])));
                assertThat(city[day]).isCloseTo(boroughs[day], within(1e-6 * Math.max(1, city[day])));
            }
            assertThat(json(get(forecast.resolve("/api/v1/models/all/all")))
                            .at("/hyperparameters/reconciliation")
                            .asText())
                    .isEqualTo("mint_shrink");

            // anomalies: the spike's days were judged against the forecasts made after the first batch
            JsonNode spikes = json(get(anomaly.resolve(
                    "/api/v1/anomalies?complaintType=noise-residential&borough=brooklyn&direction=spike")));
            List<LocalDate> spikeDays = new java.util.ArrayList<>();
            spikes.forEach(a -> {
                spikeDays.add(LocalDate.parse(a.path("date").asText()));
                assertThat(a.path("actual").asDouble())
                        .isGreaterThan(a.path("upper").asDouble());
            });
            assertThat(spikeDays)
                    .as(spikes.toString())
                    .contains(spikeStart, spikeStart.plusDays(1), spikeStart.plusDays(2));
            JsonNode open = json(get(anomaly.resolve("/api/v1/alerts?status=open")));
            assertThat(open.findValuesAsText("seriesId")).as(open.toString()).contains(spiking);

            // the chain's last event: AnomalyAlert OPENED for the spiking series is on its queue
            List<AnomalyAlert> alerts = receiveAlerts(ports);
            assertThat(alerts).as("AnomalyAlert events").anySatisfy(event -> {
                assertThat(event.transition()).isEqualTo(AnomalyAlert.Transition.OPENED);
                assertThat(event.alert().series().id()).isEqualTo(spiking);
                assertThat(event.alert().episodeStart()).isEqualTo(spikeStart);
            });

            // the model the chain trained, as MLflow serves it: the champion version's MLmodel through the artifact
            // proxy (tracking finishes after ForecastsPublished, so it may still be on its way)
            if (platform.mlflowUri().isPresent()) {
                MlflowRest mlflow = new MlflowRest(platform.mlflowUri().get());
                JsonNode champion = championWithin(mlflow, java.time.Duration.ofSeconds(60));
                assertThat(mlflow.proxiedArtifact(champion.path("source").asText(), "MLmodel"))
                        .contains("nyc311_forecaster", "series_id", "horizon", "yhat_lower", "yhat_upper")
                        .contains(champion.path("run_id").asText());
            }

            if (DashboardInChromium.chromiumInstalled()) {
                DashboardInChromium.check(
                        platform.serviceUris().get(LocalService.DASHBOARD),
                        spiking,
                        spikeStart,
                        today,
                        platform.mlflowUri().isPresent());
            }

            children = ProcessHandle.current().descendants().toList();
            assertThat(children).isNotEmpty();
        }

        assertThat(children.stream()
                        .filter(ProcessHandle::isAlive)
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                        .toList())
                .as("processes still running after close")
                .isEmpty();
        for (LocalService service : LocalService.values()) {
            assertThat(Loopback.isListening(ports.of(service)))
                    .as(service.module() + " port after close")
                    .isFalse();
        }
        assertThat(Loopback.isListening(ports.s3())).isFalse();
        assertThat(Loopback.isListening(ports.postgres())).isFalse();
        assertThat(Loopback.isListening(ports.warehouse())).isFalse();
        assertThat(Loopback.isListening(ports.tokens()))
                .as("token issuer port after close")
                .isFalse();
        assertThat(work.resolve(LocalPlatform.ANALYST_FILE))
                .as("the analyst's secret is removed on stop")
                .doesNotExist();
        assertThat(console.toString()).contains("PostgreSQL", "ready", "local-sql-warehouse", "dashboard-ui");
        assertThat(Files.exists(work.resolve("logs/forecast-service.log"))).isTrue();

        // a second start over the same folder sees the data of the first
        try (S3Server again = S3Server.start(work.resolve("data/s3"), 0);
                S3Client s3 = again.client()) {
            assertThat(s3.getObjectAsBytes(r -> r.bucket(LocalPlatform.BUCKET).key("raw/marker"))
                            .asUtf8String())
                    .isEqualTo("first run");
        }
        Assumptions.assumeTrue(
                DashboardInChromium.chromiumInstalled(),
                "all but the dashboard was checked: " + DashboardInChromium.CHROMIUM
                        + " is absent (apt-get install chromium; .ci/run does this)");
    }

    private static List<AnomalyAlert> receiveAlerts(PlatformPorts ports) {
        EventJson events = new EventJson();
        List<AnomalyAlert> received = new java.util.ArrayList<>();
        try (SqsClient sqs = sqs(ports)) {
            String queue = sqs.getQueueUrl(r -> r.queueName(EventQueue.ANOMALY_ALERT.queueName()))
                    .queueUrl();
            List<software.amazon.awssdk.services.sqs.model.Message> batch;
            do {
                batch = sqs.receiveMessage(
                                r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                batch.forEach(m -> received.add(events.read(m.body(), AnomalyAlert.class)));
            } while (!batch.isEmpty());
        }
        return received;
    }

    /** The registered model's champion version, once the forecast run's tracking has set it. */
    private static JsonNode championWithin(MlflowRest mlflow, java.time.Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return mlflow.aliasedVersion("nyc311-daily-forecaster", "champion");
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }

    /** The yhat of each day of a series' newest stored forecast, as the API serves it. */
    private double[] servedForecast(URI forecast, String run, String seriesId) {
        JsonNode served = json(get(forecast.resolve("/api/v1/forecasts/" + seriesId)));
        assertThat(served.path("forecastRunId").asText()).as(seriesId).isEqualTo(run);
        JsonNode points = served.path("points");
        double[] yhat = new double[points.size()];
        for (int day = 0; day < yhat.length; day++) {
            yhat[day] = points.get(day).path("yhat").asDouble();
        }
        return yhat;
    }

    private static double[] plus(double[]... series) {
        double[] sum = new double[series[0].length];
        for (double[] one : series) {
            for (int day = 0; day < sum.length; day++) {
                sum[day] += one[day];
            }
        }
        return sum;
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode())
                .as(response.uri() + ": " + response.body())
                .isEqualTo(200);
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.uri() + " answered no JSON: " + response.body(), e);
        }
    }

    @Test
    void busyPortIsRefusedWithAClearMessageBeforeAnythingStarts(@TempDir Path work) throws Exception {
        PlatformPorts ports = freePorts();
        try (var blocker =
                new java.net.ServerSocket(ports.postgres(), 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> LocalPlatform.start(ROOT, work, ports, false, new PrintWriter(new StringWriter())))
                    .hasMessageContaining("port " + ports.postgres() + " for PostgreSQL is already in use");
        }
        assertThat(Files.exists(work.resolve("data"))).isFalse();
    }

    private static PlatformPorts freePorts() {
        Map<LocalService, Integer> services = new EnumMap<>(LocalService.class);
        for (LocalService service : LocalService.values()) {
            services.put(service, Loopback.freePort());
        }
        return new PlatformPorts(
                Loopback.freePort(),
                Loopback.freePort(),
                Loopback.freePort(),
                Loopback.freePort(),
                Loopback.freePort(),
                Loopback.freePort(),
                services);
    }

    private HttpResponse<String> get(URI uri) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
            if (bearerToken != null) {
                request.header("Authorization", "Bearer " + bearerToken);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + uri + " failed: " + e.getMessage(), e);
        }
    }

    private static S3Client s3(PlatformPorts ports) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + ports.s3()))
                .region(Region.of(LocalAwsAccount.REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAwsAccount.ACCESS_KEY, LocalAwsAccount.SECRET_KEY)))
                .build();
    }

    private static SqsClient sqs(PlatformPorts ports) {
        return SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + ports.sqs()))
                .region(Region.of(LocalAwsAccount.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAwsAccount.ACCESS_KEY, LocalAwsAccount.SECRET_KEY)))
                .build();
    }
}
