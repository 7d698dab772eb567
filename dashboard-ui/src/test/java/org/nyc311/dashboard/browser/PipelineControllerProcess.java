package org.nyc311.dashboard.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nyc311.testsupport.net.JavaCommand;
import org.nyc311.testsupport.net.LoggedProcess;
import org.nyc311.testsupport.net.Loopback;

/**
 * The real pipeline-controller (its built jar) as a child JVM, on the test's PostgreSQL, ElasticMQ and s3proxy:
 * the dashboard reads it over HTTP exactly as in {@code ./nyc311 up}.
 */
final class PipelineControllerProcess implements AutoCloseable {

    private final LoggedProcess process;
    private final int port;
    private final String bearerToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PipelineControllerProcess(LoggedProcess process, int port, String bearerToken) {
        this.process = process;
        this.port = port;
        this.bearerToken = bearerToken;
    }

    static Path jar() {
        Path root = Path.of(System.getProperty("nyc311.project-root", ".."));
        return root.resolve("pipeline-controller/target/pipeline-controller.jar")
                .toAbsolutePath()
                .normalize();
    }

    /** Starts it with these properties; the test's own calls carry {@code bearerToken}. */
    static PipelineControllerProcess start(Map<String, String> properties, Path workDirectory, String bearerToken)
            throws IOException {
        int port = Loopback.freePort();
        List<String> command = JavaCommand.jar(jar(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC");
        command.addAll(List.of(
                "--spring.profiles.active=local", "--server.address=" + Loopback.HOST, "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(workDirectory);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile());
        LoggedProcess process = LoggedProcess.start(
                "pipeline-controller",
                builder,
                workDirectory.resolve("pipeline-controller.log"),
                Duration.ofSeconds(10));
        PipelineControllerProcess controller = new PipelineControllerProcess(process, port, bearerToken);
        try {
            controller.awaitReady(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            String tail = process.tail(60);
            controller.close();
            throw new IllegalStateException(e.getMessage() + "\n" + tail, e);
        }
        return controller;
    }

    URI baseUri() {
        return URI.create("http://" + Loopback.HOST + ":" + port);
    }

    /** {@code POST /api/v1/runs}: the controller records the batch's run; answers the run's JSON. */
    String postRun(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(baseUri().resolve("/api/v1/runs"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + bearerToken)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(
                    "POST /api/v1/runs answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * Waits until the run has ended: a batch that lands while a run is still waiting joins it, so a test that wants
     * two runs posts the second batch after the first run has ended.
     */
    String awaitEnded(String runId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            String run = http.send(
                            HttpRequest.newBuilder(baseUri().resolve("/api/v1/runs/" + runId))
                                    .header("Authorization", "Bearer " + bearerToken)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (run.contains("\"state\":\"FAILED\"") || run.contains("\"state\":\"SUCCEEDED\"")) {
                return run;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "run " + runId + " has not ended within " + timeout + ": " + run + "\n" + process.tail(40));
            }
            Thread.sleep(250);
        }
    }

    private void awaitReady(Duration timeout) {
        Loopback.awaitListening("pipeline-controller", port, timeout, process.handle());
        process.awaitHttpOk(baseUri().resolve("/readyz"), timeout, 40);
    }

    @Override
    public void close() {
        process.close();
    }
}
