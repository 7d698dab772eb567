package org.nyc311.launcher.up;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nyc311.testsupport.net.JavaCommand;
import org.nyc311.testsupport.net.LoggedProcess;

/**
 * One service running as a child JVM, its output in a log file of its own.
 *
 * @param baseUri where the service answers on the loopback
 */
record ServiceProcess(LocalService service, LoggedProcess process, URI baseUri) implements AutoCloseable {

    /**
     * @param properties  Spring properties, passed as arguments
     * @param environment variables to add to the child's environment: secrets go here, since any user of the
     *                    machine can read a process's arguments
     */
    static ServiceProcess start(
            LocalService service,
            Path jar,
            int port,
            Map<String, String> properties,
            Map<String, String> environment,
            Path logDirectory)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(
                    jar + " is missing: build it with ./mvnw -DskipTests install (./nyc311 up does this)");
        }
        Path log = logDirectory.resolve(service.module() + ".log");
        // the local profile: the laptop's settings, and dashboard-ui's form login (analyst / nyc311), which exists
        // in that profile only (without it the dashboard logs in through OIDC and will not start unconfigured)
        List<String> command = JavaCommand.jar(jar, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        command.addAll(
                List.of("--spring.profiles.active=local", "--server.address=127.0.0.1", "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        LoggedProcess process = LoggedProcess.start(service.module(), builder, log, Duration.ofSeconds(20));
        return new ServiceProcess(service, process, URI.create("http://127.0.0.1:" + port));
    }

    Path log() {
        return process.log();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the service's readiness probe to answer 200, or fails pointing at its log. */
    void awaitReady(Duration timeout) {
        process.awaitHttpOk(baseUri.resolve("/actuator/health/readiness"), timeout, 15);
    }

    @Override
    public void close() {
        process.close();
    }
}
