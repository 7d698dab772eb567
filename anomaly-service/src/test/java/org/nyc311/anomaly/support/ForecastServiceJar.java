package org.nyc311.anomaly.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.nyc311.testsupport.mlflow.MlflowInstallation;
import org.nyc311.testsupport.net.JavaCommand;
import org.nyc311.testsupport.net.LoggedProcess;
import org.nyc311.testsupport.net.Loopback;

/**
 * The real forecast-service, run from its built jar as a child JVM the way {@code ./nyc311 up} runs
 * it: our own component, so the tests talk to it rather than to a stub of it. Skips the test, with
 * the build command, when the jar has not been built.
 */
public final class ForecastServiceJar implements AutoCloseable {

    private final LoggedProcess process;
    private final URI baseUri;

    private ForecastServiceJar(LoggedProcess process, URI baseUri) {
        this.process = process;
        this.baseUri = baseUri;
    }

    public static Path jar() {
        return MlflowInstallation.projectRoot().resolve("forecast-service/target/forecast-service.jar");
    }

    /** Starts it with these properties (database, SQS, gold) and waits for its readiness probe. */
    public static ForecastServiceJar start(Map<String, String> properties, Path log, Duration timeout)
            throws IOException {
        Path jar = jar();
        Assumptions.assumeTrue(
                Files.isRegularFile(jar),
                "anomaly-service flow tests skipped: " + jar
                        + " is not built; run ./mvnw -B -ntp -pl forecast-service -am package -DskipTests");
        int port = Loopback.freePort();
        List<String> command = JavaCommand.jar(jar, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        command.addAll(List.of("--server.address=127.0.0.1", "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        LoggedProcess process =
                LoggedProcess.start("forecast-service", new ProcessBuilder(command), log, Duration.ofSeconds(15));
        ForecastServiceJar service = new ForecastServiceJar(process, URI.create("http://127.0.0.1:" + port));
        try {
            service.awaitReady(timeout);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    public URI baseUri() {
        return baseUri;
    }

    public Path log() {
        return process.log();
    }

    private void awaitReady(Duration timeout) {
        process.awaitHttpOk(baseUri.resolve("/readyz"), timeout, 20);
    }

    @Override
    public void close() {
        process.close();
    }
}
