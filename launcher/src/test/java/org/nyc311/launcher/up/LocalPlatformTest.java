package org.nyc311.launcher.up;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.model.event.EventQueue;
import org.nyc311.testsupport.mlflow.MlflowInstallation;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.sqs.SqsServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts the real local platform (every embedded server and the five service JVMs) the way
 * {@code ./nyc311 up} does, and checks each component over its network port.
 */
class LocalPlatformTest {

    private static final Path ROOT = MlflowInstallation.projectRoot();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void serviceJarsAreBuilt() {
        for (LocalService service : LocalService.values()) {
            Path jar = ROOT.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
            Assumptions.assumeTrue(Files.isRegularFile(jar),
                    "skipped: " + jar + " is not built; run the whole reactor (./mvnw verify) rather than -pl launcher");
        }
    }

    @Test
    void everyComponentAnswersTheFirstIntakeReachesForecastsAndNothingOutlivesThePlatform(@TempDir Path work) throws Exception {
        // as under the project folder: PostgreSQL may run as 'nobody' and must traverse it (@TempDir is 700)
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        PlatformPorts ports = freePorts();
        StringWriter console = new StringWriter();
        List<ProcessHandle> children;

        Path fixture = ROOT.resolve("ingest-service/src/test/resources/fixtures/soda-sample.jsonl");
        try (LocalPlatform platform = LocalPlatform.start(ROOT, work, ports, MlflowInstallation.pythonAvailable(),
                fixture.getParent(), new PrintWriter(console, true))) {
            for (LocalService service : LocalService.values()) {
                HttpResponse<String> health = get(URI.create("http://127.0.0.1:" + ports.of(service) + "/actuator/health"));
                assertThat(health.statusCode()).as(service.module()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"");
            }
            try (S3Client s3 = s3(ports)) {
                assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains(LocalPlatform.BUCKET);
                s3.putObject(r -> r.bucket(LocalPlatform.BUCKET).key("raw/marker"), RequestBody.fromString("first run"));
            }
            try (SqsClient sqs = sqs(ports)) {
                assertThat(sqs.listQueues().queueUrls()).hasSize(2 * EventQueue.values().length);
            }
            try (Connection db = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/postgres", "postgres", "");
                    ResultSet rows = db.createStatement().executeQuery("SELECT datname FROM pg_database ORDER BY datname")) {
                List<String> databases = new java.util.ArrayList<>();
                while (rows.next()) {
                    databases.add(rows.getString(1));
                }
                assertThat(databases).contains("ingest_service", "pipeline_controller", "forecast_service",
                        "anomaly_service", "dashboard_ui");
            }
            platform.mlflowUri().ifPresent(uri -> assertThat(get(uri.resolve("/health")).statusCode()).isEqualTo(200));
            assertThat(Loopback.isListening(ports.warehouse())).as("local-sql-warehouse").isTrue();
            // the first intake, as up --offline runs it: the batch travels ingest -> controller -> Spark -> forecasts
            boolean forecastsPublished = new FirstIntake(platform.serviceUris(), new PrintWriter(console, true),
                    java.time.Duration.ofMinutes(5)).run(new FirstIntake.Request(Optional.of(fixture), 7,
                    java.time.LocalDate.of(2026, 5, 4)));
            assertThat(forecastsPublished).as(console.toString()).isTrue();
            assertThat(console.toString()).contains("intake                 completed 12 records in 1 parts",
                    "pipeline               succeeded", "forecasts              succeeded");
            children = ProcessHandle.current().descendants().toList();
            assertThat(children).isNotEmpty();
        }

        assertThat(children.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                .as("processes still running after close").isEmpty();
        for (LocalService service : LocalService.values()) {
            assertThat(Loopback.isListening(ports.of(service))).as(service.module() + " port after close").isFalse();
        }
        assertThat(Loopback.isListening(ports.s3())).isFalse();
        assertThat(Loopback.isListening(ports.postgres())).isFalse();
        assertThat(Loopback.isListening(ports.warehouse())).isFalse();
        assertThat(console.toString()).contains("PostgreSQL", "ready", "local-sql-warehouse", "dashboard-ui");
        assertThat(Files.exists(work.resolve("logs/forecast-service.log"))).isTrue();

        // a second start over the same folder sees the data of the first
        try (S3Server again = S3Server.start(work.resolve("data/s3"), 0); S3Client s3 = again.client()) {
            assertThat(s3.getObjectAsBytes(r -> r.bucket(LocalPlatform.BUCKET).key("raw/marker")).asUtf8String())
                    .isEqualTo("first run");
        }
    }

    @Test
    void busyPortIsRefusedWithAClearMessageBeforeAnythingStarts(@TempDir Path work) throws Exception {
        PlatformPorts ports = freePorts();
        try (var blocker = new java.net.ServerSocket(ports.postgres(), 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            LocalPlatform.start(ROOT, work, ports, false, new PrintWriter(new StringWriter())))
                    .hasMessageContaining("port " + ports.postgres() + " for PostgreSQL is already in use");
        }
        assertThat(Files.exists(work.resolve("data"))).isFalse();
    }

    private static PlatformPorts freePorts() {
        Map<LocalService, Integer> services = new EnumMap<>(LocalService.class);
        for (LocalService service : LocalService.values()) {
            services.put(service, Loopback.freePort());
        }
        return new PlatformPorts(Loopback.freePort(), Loopback.freePort(), Loopback.freePort(), Loopback.freePort(),
                Loopback.freePort(), services);
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + uri + " failed: " + e.getMessage(), e);
        }
    }

    private static S3Client s3(PlatformPorts ports) {
        return S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + ports.s3()))
                .region(Region.of(S3Server.REGION)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                .build();
    }

    private static SqsClient sqs(PlatformPorts ports) {
        return SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + ports.sqs()))
                .region(Region.of(SqsServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(SqsServer.ACCESS_KEY, SqsServer.SECRET_KEY)))
                .build();
    }
}
