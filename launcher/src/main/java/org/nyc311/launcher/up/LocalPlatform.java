package org.nyc311.launcher.up;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.access.ServiceCallSettings;
import org.nyc311.model.access.ApiScope;
import org.nyc311.testsupport.junit.EmbeddedServer;
import org.nyc311.testsupport.mlflow.MlflowInstallation;
import org.nyc311.testsupport.mlflow.MlflowServer;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.tokens.TokenIssuer;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;

/**
 * The whole platform on one machine: the embedded servers in this JVM or as child processes, then
 * the five services as child JVMs pointed at them. Closing it stops everything it started, in
 * reverse order, so that no process outlives it.
 *
 * <p>Data lives under {@code workDirectory/data}: a second start over the same folder sees the
 * objects, rows and MLflow runs of the first.
 *
 * <p>The services check bearer tokens as in production. The platform's {@link TokenIssuer} plays the Cognito user
 * pool with a key generated at each start: anomaly-service and the dashboard get app clients of their own (secrets
 * generated here, passed in their environment, never on a command line), and so does the local analyst, whose
 * credentials {@code ./nyc311 token} reads from {@link #ANALYST_FILE} (owner-only, removed on stop).
 */
public final class LocalPlatform implements AutoCloseable {

    /** The local bucket; production names its bucket per environment. */
    public static final String BUCKET = "nyc311-lake";

    /** The local analyst's app client, under the work folder; {@code ./nyc311 token} reads it. */
    public static final String ANALYST_FILE = "local-analyst.properties";

    static final String ANALYST_CLIENT = "local-analyst";

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration WAREHOUSE_START_TIMEOUT = Duration.ofMinutes(3);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final PrintWriter console;
    private @Nullable URI mlflowUri;
    private ServiceCallSettings analyst = ServiceCallSettings.none();
    private final SecureRandom random = new SecureRandom();

    private LocalPlatform(PrintWriter console) {
        this.console = console;
    }

    /**
     * Starts everything and returns once every component reports healthy.
     *
     * @param projectRoot where the service jars and the MLflow venv script are
     * @param withMlflow false to run without tracking (where python3 is absent, it is off anyway)
     */
    public static LocalPlatform start(
            Path projectRoot, Path workDirectory, PlatformPorts ports, boolean withMlflow, PrintWriter console)
            throws Exception {
        return start(projectRoot, workDirectory, ports, withMlflow, null, console);
    }

    /** @param replayDirectory the folder whose files ingest-service may replay ({@code up --offline}), or null */
    public static LocalPlatform start(
            Path projectRoot,
            Path workDirectory,
            PlatformPorts ports,
            boolean withMlflow,
            @Nullable Path replayDirectory,
            PrintWriter console)
            throws Exception {
        LocalPlatform platform = new LocalPlatform(console);
        try {
            platform.startAll(projectRoot, workDirectory, ports, withMlflow, replayDirectory);
            return platform;
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
    }

    private void startAll(
            Path projectRoot,
            Path workDirectory,
            PlatformPorts ports,
            boolean withMlflow,
            @Nullable Path replayDirectory)
            throws Exception {
        Path data = workDirectory.resolve("data");
        Path logs = workDirectory.resolve("logs");
        requireFree("S3 (s3proxy)", ports.s3());
        requireFree("SQS (ElasticMQ)", ports.sqs());
        requireFree("PostgreSQL", ports.postgres());
        requireFree("local-sql-warehouse", ports.warehouse());
        requireFree("token issuer", ports.tokens());
        ports.services().forEach((service, port) -> requireFree(service.module(), port));

        TokenIssuer tokens = status("token issuer", () -> TokenIssuer.start(ports.tokens()));
        Map<LocalService, ServiceCallSettings> clients = registerClients(tokens);
        String analystSecret = secret();
        analyst = new ServiceCallSettings(tokens.tokenUri(), ANALYST_CLIENT, analystSecret, "");
        tokens.register(ANALYST_CLIENT, analystSecret, EnumSet.allOf(ApiScope.class));
        writeAnalystFile(workDirectory.resolve(ANALYST_FILE));

        S3Server s3 = status("S3 (s3proxy)", () -> S3Server.start(data.resolve("s3"), ports.s3()));
        s3.createBucket(BUCKET);
        SqsServer sqs = status("SQS (ElasticMQ)", () -> SqsServer.start(ports.sqs(), 30));
        PostgresServer postgres =
                status("PostgreSQL", () -> PostgresServer.start(data.resolve("postgres"), ports.postgres()));
        for (LocalService service : LocalService.values()) {
            postgres.createDatabase(service.database());
        }
        Optional<MlflowServer> mlflow =
                withMlflow ? startMlflow(projectRoot, data.resolve("mlflow"), ports.mlflow()) : Optional.empty();
        mlflow.ifPresent(server -> mlflowUri = server.trackingUri());
        Path lake = data.resolve("s3").resolve(BUCKET);
        LocalSqlWarehouseProcess warehouse = status(
                "local-sql-warehouse",
                () -> LocalSqlWarehouseProcess.start(
                        projectRoot.resolve("local-sql-warehouse"),
                        lake.toAbsolutePath().toString(),
                        ports.warehouse(),
                        logs.resolve("local-sql-warehouse.log"),
                        WAREHOUSE_START_TIMEOUT));

        Map<String, String> shared = new HashMap<>();
        shared.putAll(s3.springProperties());
        shared.putAll(sqs.springProperties());
        mlflow.ifPresent(server -> shared.putAll(server.springProperties()));
        shared.putAll(warehouse.springProperties());
        shared.put("nyc311.lake.bucket", BUCKET);
        // the services read gold from its extract on the lake bucket, as in production; the warehouse stays for SQL
        // over gold and for nyc311.gold.extract.enabled=false (the JDBC way)
        shared.put("nyc311.gold.extract.enabled", "true");
        shared.put("nyc311.gold.extract.bucket", BUCKET);
        shared.putAll(tokens.springProperties());
        for (LocalService service : LocalService.values()) {
            Map<String, String> properties = new HashMap<>(shared);
            properties.put("spring.datasource.url", postgres.jdbcUrl(service.database()));
            properties.put("spring.datasource.username", PostgresServer.SUPERUSER);
            ports.services()
                    .forEach((other, port) ->
                            properties.put("nyc311.services." + other.module() + ".url", "http://127.0.0.1:" + port));
            properties.putAll(ownProperties(service, projectRoot, lake, logs));
            if (service == LocalService.INGEST && replayDirectory != null) {
                properties.put(
                        "nyc311.ingest.file.replay-directory",
                        replayDirectory.toAbsolutePath().toString());
            }
            Path jar = projectRoot.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
            ServiceProcess process = ServiceProcess.start(
                    service, jar, ports.of(service), properties, clientEnvironment(clients.get(service)), logs);
            started.push(process);
            services.add(process);
        }
        // the services start in parallel; wait for each in turn
        for (ServiceProcess service : services) {
            line(service.service().module(), "starting", "log " + service.log());
        }
        for (ServiceProcess service : services) {
            service.awaitReady(SERVICE_START_TIMEOUT);
            line(service.service().module(), "ready", service.baseUri() + "/actuator/health");
        }
    }

    /**
     * What one service needs beyond the shared endpoints. The controller runs delta-jobs in a child
     * JVM over the lake: locally that is s3proxy's folder for the bucket, so Spark reads and writes
     * plain files that the S3 API serves too.
     */
    private static Map<String, String> ownProperties(LocalService service, Path projectRoot, Path lake, Path logs) {
        if (service != LocalService.PIPELINE_CONTROLLER) {
            return Map.of();
        }
        Path deltaJobs = projectRoot.resolve("delta-jobs").resolve("target").toAbsolutePath();
        return Map.of(
                "nyc311.controller.local.lake-root", lake.toAbsolutePath().toString(),
                "nyc311.controller.local.delta-jobs-jar",
                        deltaJobs.resolve("delta-jobs.jar").toString(),
                "nyc311.controller.local.classpath-file",
                        deltaJobs.resolve("delta-jobs.classpath").toString(),
                "nyc311.controller.local.log-directory",
                        logs.resolve("pipeline-runs").toAbsolutePath().toString());
    }

    /** The services that call others, each with its own client and only the scopes it needs. */
    private Map<LocalService, ServiceCallSettings> registerClients(TokenIssuer tokens) {
        Map<LocalService, ServiceCallSettings> clients = new EnumMap<>(LocalService.class);
        String anomalySecret = secret();
        ServiceCallSettings anomaly =
                new ServiceCallSettings(tokens.tokenUri(), "anomaly-service", anomalySecret, ApiScope.READ.value());
        tokens.register("anomaly-service", anomalySecret, EnumSet.of(ApiScope.READ));
        clients.put(LocalService.ANOMALY, anomaly);
        String dashboardSecret = secret();
        ServiceCallSettings dashboard =
                new ServiceCallSettings(tokens.tokenUri(), "dashboard-ui", dashboardSecret, ApiScope.all());
        tokens.register("dashboard-ui", dashboardSecret, EnumSet.allOf(ApiScope.class));
        clients.put(LocalService.DASHBOARD, dashboard);
        return clients;
    }

    private static Map<String, String> clientEnvironment(@Nullable ServiceCallSettings client) {
        if (client == null) {
            return Map.of();
        }
        return Map.of(
                "NYC311_SERVICE_TOKEN_URI",
                // the launcher's clients are complete (registerClients)
                Objects.requireNonNull(client.tokenUri()).toString(),
                "NYC311_SERVICE_CLIENT_ID",
                client.clientId(),
                "NYC311_SERVICE_CLIENT_SECRET",
                client.clientSecret(),
                "NYC311_SERVICE_SCOPE",
                client.scope());
    }

    private String secret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The analyst's client in a file only this user can read, for {@code ./nyc311 token}; removed on stop. */
    private void writeAnalystFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties client = new Properties();
        client.setProperty(
                "token-uri", Objects.requireNonNull(analyst.tokenUri()).toString());
        client.setProperty("client-id", analyst.clientId());
        client.setProperty("client-secret", analyst.clientSecret());
        try (var out = Files.newOutputStream(file)) {
            client.store(out, "./nyc311 up's local analyst (every scope); valid while this platform runs");
        }
        started.push(() -> Files.deleteIfExists(file));
    }

    /** The local analyst's app client (every scope): the first intake's calls, and {@code ./nyc311 token}'s. */
    public ServiceCallSettings analystClient() {
        return analyst;
    }

    /** Where each service answers, for the platform's own API calls (the first intake). */
    public Map<LocalService, URI> serviceUris() {
        Map<LocalService, URI> uris = new EnumMap<>(LocalService.class);
        services.forEach(process -> uris.put(process.service(), process.baseUri()));
        return uris;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public Optional<URI> mlflowUri() {
        return Optional.ofNullable(mlflowUri);
    }

    /** The first service that has died since start, if any: {@code up} watches for this. */
    public Optional<ServiceProcess> firstDeadService() {
        return services.stream().filter(service -> !service.isAlive()).findFirst();
    }

    private Optional<MlflowServer> startMlflow(Path projectRoot, Path folder, int port) throws Exception {
        try {
            Path executable = new MlflowInstallation(projectRoot).mlflowExecutable();
            return Optional.of(status("MLflow", () -> MlflowServer.start(executable, folder, port)));
        } catch (MlflowInstallation.MlflowUnavailableException e) {
            line("MLflow", "off", e.getMessage());
            return Optional.empty();
        }
    }

    private <S extends EmbeddedServer> S status(String name, StartStep<S> step) throws Exception {
        long begin = System.nanoTime();
        S server = step.start();
        started.push(server);
        line(
                name,
                "ready",
                String.join(
                                " ",
                                server.springProperties().entrySet().stream()
                                        .filter(e -> e.getKey().endsWith("endpoint")
                                                || e.getKey().endsWith(".url")
                                                || e.getKey().endsWith("tracking-uri")
                                                || e.getKey().endsWith("issuer-uri"))
                                        .map(Map.Entry::getValue)
                                        .toList())
                        + " (" + (System.nanoTime() - begin) / 1_000_000 + " ms)");
        return server;
    }

    private void line(String component, String state, @Nullable String detail) {
        console.printf("  %-22s %-9s %s%n", component, state, detail);
        console.flush();
    }

    private static void requireFree(String what, int port) {
        if (port != 0 && Loopback.isListening(port)) {
            throw new IllegalStateException("port " + port + " for " + what + " is already in use on 127.0.0.1 "
                    + "(another ./nyc311 up?); stop that process or choose other ports");
        }
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                console.println("  could not stop " + component + ": " + e.getMessage());
            }
        }
        console.flush();
    }

    @FunctionalInterface
    private interface StartStep<S> {
        S start() throws Exception;
    }
}
