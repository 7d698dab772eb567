package org.nyc311.faults.support.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.nyc311.faults.support.ServiceJvm;
import org.nyc311.testsupport.net.LoggedProcess;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.sqs.SqsServer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the ingest faults share: a database and a bucket of their own on the suite's real servers,
 * the SODA stand-in, the ingest-service jar as the long-running service ({@link ServiceJvm}) and as
 * the daily one-shot task (started as deploy/ecs starts it: the same image, with
 * {@code --nyc311.ingest.one-shot.source=api --spring.main.web-application-type=none}), plus
 * read-only looks at the lake and at the service's tables.
 */
public final class IngestRig implements AutoCloseable {

    public static final String RAW_ROOT = "raw/nyc311/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresServer postgres;
    private final S3Server s3;
    private final SqsServer sqs;
    private final SodaDataset soda;
    private final String database;
    private final String bucket;
    private final Path logs;
    private final S3Client client;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int dailyRuns;

    private IngestRig(PostgresServer postgres, S3Server s3, SqsServer sqs, SodaDataset soda, String name, Path logs) {
        this.postgres = postgres;
        this.s3 = s3;
        this.sqs = sqs;
        this.soda = soda;
        this.database = name.replace('-', '_');
        this.bucket = name.replace('_', '-');
        this.logs = logs;
        this.client = s3.client();
    }

    /** A fresh database and bucket named after the fault (lower case, e.g. {@code watermark-poisoning}). */
    public static IngestRig create(String name, PostgresServer postgres, S3Server s3, SqsServer sqs, SodaDataset soda)
            throws IOException {
        quietServers();
        Path logs = Path.of("target", "fault-logs", name).toAbsolutePath();
        Files.createDirectories(logs);
        IngestRig rig = new IngestRig(postgres, s3, sqs, soda, name, logs);
        postgres.createDatabase(rig.database);
        s3.createBucket(rig.bucket);
        return rig;
    }

    /**
     * The suite has no logback configuration, so the in-JVM servers (s3proxy's Jetty above all) log every
     * header at DEBUG, which costs more CPU than the faults themselves; INFO is enough to read a failure.
     */
    private static void quietServers() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }

    public String bucket() {
        return bucket;
    }

    public Path logs() {
        return logs;
    }

    /** The bucket as a folder: s3proxy's filesystem store keeps every object as a file, which local Spark reads. */
    public Path lakeRoot() {
        return s3.baseDirectory().resolve(bucket);
    }

    /** The service's settings, as deploy/ecs gives them through the environment, plus {@code extra}. */
    public Map<String, String> properties(Map<String, String> extra) {
        Map<String, String> properties = new TreeMap<>();
        properties.putAll(postgres.springProperties(database));
        properties.putAll(s3.springProperties());
        properties.putAll(sqs.springProperties());
        properties.put("nyc311.lake.bucket", bucket);
        properties.put("nyc311.ingest.soda.base-url", soda.baseUrl().toString());
        properties.put("nyc311.ingest.schedule.enabled", "false");
        properties.put("nyc311.ingest.retry.initial-interval", "100ms");
        properties.put("nyc311.ingest.retry.max-elapsed", "20s");
        properties.putAll(extra);
        return properties;
    }

    /** The long-running service (the ECS service's task), ready. */
    public ServiceJvm startService(Map<String, String> extra) throws IOException {
        return ServiceJvm.start("ingest-service", properties(extra), logs).awaitReady(Duration.ofSeconds(90));
    }

    /** The outcome of one daily one-shot task: its exit code (0 completed, 1 failed, 2 refused) and its output. */
    public record Daily(int exit, String output) {}

    /** Starts the daily one-shot task; {@link #awaitDaily} waits for it. */
    public LoggedProcess startDaily(Map<String, String> extra) throws IOException {
        List<String> command = ServiceJvm.javaJar(ServiceJvm.jarOf("ingest-service"));
        // exactly deploy/ecs' IngestDailyTaskDefinition Command; the rest is its Environment
        command.addAll(List.of("--nyc311.ingest.one-shot.source=api", "--spring.main.web-application-type=none"));
        properties(extra).forEach((key, value) -> command.add("--" + key + "=" + value));
        dailyRuns++;
        return LoggedProcess.start(
                "ingest-daily",
                new ProcessBuilder(command),
                logs.resolve("ingest-daily-" + dailyRuns + ".log"),
                Duration.ofSeconds(10));
    }

    public Daily awaitDaily(LoggedProcess daily, Duration timeout) throws IOException, InterruptedException {
        boolean ended = daily.handle()
                .onExit()
                .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(handle -> handle != null)
                .join();
        if (!ended) {
            daily.close();
            throw new IllegalStateException("the daily task did not end within " + timeout + ":\n" + daily.tail(40));
        }
        return new Daily(daily.exitValue(), Files.readString(daily.log()));
    }

    public Daily runDaily(Map<String, String> extra) throws IOException, InterruptedException {
        return awaitDaily(startDaily(extra), Duration.ofMinutes(2));
    }

    // ------------------------------------------------------------------ HTTP

    public HttpResponse<String> post(ServiceJvm service, String path, String json)
            throws IOException, InterruptedException {
        return http.send(
                service.request(path)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode get(ServiceJvm service, String path) throws IOException, InterruptedException {
        return json(http.send(
                        service.request(path)
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    /** Polls the run until it is no longer RUNNING. */
    public JsonNode awaitRun(ServiceJvm service, String runId, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode run = get(service, "/api/v1/ingestions/" + runId);
        while (run.path("status").asText().equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            run = get(service, "/api/v1/ingestions/" + runId);
        }
        return run;
    }

    // ------------------------------------------------------------------ the service's tables (read, and poked where a
    // fault needs it)

    public Connection connect() throws SQLException {
        return postgres.connect(database);
    }

    public List<Map<String, Object>> query(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    public int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    public Optional<LocalDateTime> watermark() throws SQLException {
        return query("SELECT watermark FROM ingestion_watermark").stream()
                .map(row -> ((java.sql.Timestamp) row.get("watermark")).toLocalDateTime())
                .findFirst();
    }

    // ------------------------------------------------------------------ the lake

    /** Every object under the prefix, without s3proxy's files of PUTs under way, which real S3 never lists. */
    public List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .filter(key -> !S3PROXY_PUT_UNDER_WAY.matcher(key).find())
                .sorted()
                .toList();
    }

    /** s3proxy's filesystem store writes {@code <key>-<random UUID>} and then moves it to the key. */
    private static final Pattern S3PROXY_PUT_UNDER_WAY =
            Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    public byte[] bytes(String key) {
        return client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    /** The raw parts bronze reads: {@code raw/nyc311/**}{@code /*.json.gz}. */
    public List<String> rawParts() {
        return keys(RAW_ROOT).stream().filter(key -> key.endsWith(".json.gz")).toList();
    }

    /** The records of one gzip NDJSON part. */
    public List<ObjectNode> records(String key) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes(key)))) {
            List<ObjectNode> records = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    records.add((ObjectNode) json(line));
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times each unique_key appears in the given parts. */
    public Map<String, Integer> uniqueKeys(List<String> parts) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String part : parts) {
            for (ObjectNode record : records(part)) {
                counts.merge(record.path("unique_key").asText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops what an ingest test class started, the service first and the fake Soda API last; any of them is null
     * where the class's start failed before it.
     */
    public static void stopAll(ServiceJvm service, IngestRig rig, SodaDataset soda) {
        if (service != null) {
            service.close();
        }
        if (rig != null) {
            rig.close();
        }
        if (soda != null) {
            soda.close();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
