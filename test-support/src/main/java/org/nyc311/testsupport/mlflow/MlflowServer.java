package org.nyc311.testsupport.mlflow;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nyc311.testsupport.junit.EmbeddedServer;
import org.nyc311.testsupport.net.LoggedProcess;
import org.nyc311.testsupport.net.Loopback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code mlflow server} on 127.0.0.1, from the project's Python virtual environment
 * ({@link MlflowInstallation}), with a SQLite backend store and artifacts served from a folder.
 */
public final class MlflowServer implements EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(MlflowServer.class);

    private final LoggedProcess process;
    private final URI trackingUri;
    private final Path workDirectory;
    private final Path mlflowExecutable;

    private MlflowServer(LoggedProcess process, URI trackingUri, Path workDirectory, Path mlflowExecutable) {
        this.process = process;
        this.trackingUri = trackingUri;
        this.workDirectory = workDirectory;
        this.mlflowExecutable = mlflowExecutable;
    }

    /** Starts the server over {@code workDirectory}; a second start over the same folder keeps its runs. */
    public static MlflowServer start(Path mlflowExecutable, Path workDirectory, int port) throws IOException {
        Files.createDirectories(workDirectory.resolve("artifacts"));
        int boundPort = port == 0 ? Loopback.freePort() : port;
        Path log = workDirectory.resolve("mlflow-server.log");
        List<String> command = List.of(
                mlflowExecutable.toString(),
                "server",
                "--host",
                Loopback.HOST,
                "--port",
                Integer.toString(boundPort),
                "--workers",
                "1",
                "--backend-store-uri",
                "sqlite:///" + workDirectory.toAbsolutePath().resolve("mlflow.db"),
                "--artifacts-destination",
                workDirectory.toAbsolutePath().resolve("artifacts").toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        // keep MLflow from phoning home; the machines here have no internet and need none
        builder.environment().put("MLFLOW_DISABLE_TELEMETRY", "true");
        builder.environment().put("DO_NOT_TRACK", "true");
        LoggedProcess process = LoggedProcess.start("mlflow", builder, log, Duration.ofSeconds(10));
        MlflowServer server = new MlflowServer(
                process, URI.create("http://" + Loopback.HOST + ":" + boundPort), workDirectory, mlflowExecutable);
        try {
            server.awaitHealthy(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("MLflow tracking server at {} (store in {})", server.trackingUri, workDirectory);
        return server;
    }

    /** The tracking URI for the MLflow Java client and for people: {@code http://127.0.0.1:PORT}. */
    public URI trackingUri() {
        return trackingUri;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    /**
     * A new server on this one's port over this one's folder, with its runs, after {@link #close()}:
     * the end of a tracking outage as clients see it (same tracking URI, same store).
     */
    public MlflowServer startAgain() throws IOException {
        return start(mlflowExecutable, workDirectory, trackingUri.getPort());
    }

    @Override
    public Map<String, String> springProperties() {
        return Map.of("nyc311.mlflow.tracking-uri", trackingUri.toString());
    }

    @Override
    public void close() {
        process.close();
    }

    private void awaitHealthy(Duration timeout) {
        process.awaitHttpOk(trackingUri.resolve("/health"), timeout, 30);
    }
}
