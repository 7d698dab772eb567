package org.nyc311.faults.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nyc311.testsupport.net.JavaCommand;
import org.nyc311.testsupport.net.LoggedProcess;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.tokens.ClientCredentials;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;

/**
 * One of our services as its packaged jar in a child JVM, as production runs it: started with
 * properties, awaited on its readiness probe, stopped politely or killed with {@code kill -9}. Each
 * start of the same service appends to one log, so a test that restarts a service keeps both lives.
 *
 * <p>Its API checks tokens as in production, from the test JVM's {@link TokenIssuerExtension} issuer (a test class
 * that starts services extends with it); a service that calls another gets the extension's app client in its
 * environment, and {@link #request(String)} calls with that client's token.
 */
public final class ServiceJvm implements AutoCloseable {

    private static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    private final String module;
    private final int port;
    private final Map<String, String> properties;
    private final Path log;
    private LoggedProcess process;
    private String bearerToken;

    private ServiceJvm(String module, int port, Map<String, String> properties, Path log) {
        this.module = module;
        this.port = port;
        this.properties = new TreeMap<>(properties);
        this.log = log;
    }

    /** The jar of {@code module} ({@code <project>/<module>/target/<module>.jar}) on a free loopback port. */
    public static ServiceJvm start(String module, Map<String, String> properties, Path logDirectory)
            throws IOException {
        ServiceJvm service =
                new ServiceJvm(module, Loopback.freePort(), properties, logDirectory.resolve(module + ".log"));
        service.launch();
        return service;
    }

    /** A second instance of the same service on another port, as a rolling deploy or autoscaling runs it. */
    public ServiceJvm twin(Path logDirectory, String name) throws IOException {
        ServiceJvm twin = new ServiceJvm(module, Loopback.freePort(), properties, logDirectory.resolve(name + ".log"));
        twin.launch();
        return twin;
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("nyc311.project-root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    public static Path jarOf(String module) {
        return projectRoot().resolve(module).resolve("target").resolve(module + ".jar");
    }

    /** {@code java ... -jar jar}, as the suite runs every service's and task's jar (small heap, UTC), to add arguments to. */
    public static List<String> javaJar(Path jar) {
        return JavaCommand.jar(jar, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC");
    }

    private void launch() throws IOException {
        Path jar = jarOf(module);
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: run the suite with ./mvnw -pl fault-tests -am verify");
        }
        List<String> command = javaJar(jar);
        command.addAll(
                List.of("--spring.profiles.active=local", "--server.address=127.0.0.1", "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--" + ISSUER_URI + "=" + required(ISSUER_URI));
        ProcessBuilder builder = new ProcessBuilder(command);
        for (String variable :
                List.of("NYC311_SERVICE_TOKEN_URI", "NYC311_SERVICE_CLIENT_ID", "NYC311_SERVICE_CLIENT_SECRET")) {
            builder.environment().put(variable, required(variable));
        }
        process = LoggedProcess.start(module, builder, log, Duration.ofSeconds(20));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI uri(String path) {
        return baseUri().resolve(path);
    }

    /** A request to {@code path} with a token holding every scope, as an operator's script would send it. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token());
    }

    /** The token {@link #request} sends: the test client's, asked for once over the issuer's token endpoint. */
    public synchronized String token() {
        if (bearerToken == null) {
            bearerToken = ClientCredentials.token(
                    URI.create(required("NYC311_SERVICE_TOKEN_URI")),
                    required("NYC311_SERVICE_CLIENT_ID"),
                    required("NYC311_SERVICE_CLIENT_SECRET"),
                    null);
        }
        return bearerToken;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: a test that starts services must "
                    + "@ExtendWith(TokenIssuerExtension.class), whose issuer the services trust");
        }
        return value;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String tail(int lines) {
        return process == null ? "(not started)" : process.tail(lines);
    }

    /** Waits until the readiness probe answers 200, or fails with the log's tail. */
    public ServiceJvm awaitReady(Duration timeout) {
        process.awaitHttpOk(uri("/actuator/health/readiness"), timeout, 30);
        return this;
    }

    /** {@code kill -9}: no shutdown hook, no graceful stop, whatever was in flight is cut where it was. */
    public void kill() {
        if (process == null) {
            return;
        }
        ProcessHandle root = process.handle();
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(handle -> handle.onExit()
                .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(e -> handle)
                .join());
        process.close();
    }

    /** Starts the same service again, on the same port and with the same properties (after {@link #kill()}). */
    public ServiceJvm restart() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(module + " is still running: kill or close it first");
        }
        launch();
        return this;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return module + " on " + baseUri();
    }
}
