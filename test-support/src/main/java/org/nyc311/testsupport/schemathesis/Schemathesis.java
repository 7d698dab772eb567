package org.nyc311.testsupport.schemathesis;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.nyc311.testsupport.mlflow.MlflowInstallation;
import org.nyc311.testsupport.net.ChildProcesses;

/**
 * Schemathesis, a client nobody here wrote, run against a service's OpenAPI document as the service
 * publishes it: every operation gets examples, boundary values, random valid data and invalid data, and
 * every response is judged by all of Schemathesis' checks (no 5xx, documented status codes, content
 * types and headers, responses matching their schemas, invalid data refused with a 4xx, valid data
 * accepted, methods the document does not list refused).
 *
 * <p>{@code scripts/schemathesis.toml} names the few operations where a request valid by the document may
 * still be refused with a 400, by a rule over two fields or over stored state that JSON Schema cannot state.
 *
 * <p>The CLI comes from the pinned virtual environment {@code scripts/schemathesis-venv.sh} makes: the
 * system property {@code nyc311.schemathesis.venv}, else {@code NYC311_SCHEMATHESIS_VENV}, else
 * {@code $HOME/.cache/nyc311/schemathesis-venv}. Without it a test aborts (skips) with that message.
 */
public final class Schemathesis {

    /** Few examples per operation: enough to reach every check, and each service's run stays well under a minute. */
    public static final int MAX_EXAMPLES = 10;
    /** A fixed seed: CI generates the same requests every time, and a failure reproduces with the report's command. */
    public static final long SEED = 311;

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path executable;

    private Schemathesis(Path executable) {
        this.executable = executable;
    }

    /** The installed CLI; aborts the calling test (JUnit assumption) where the environment has not been made. */
    public static Schemathesis installed() {
        Path venv = Optional.ofNullable(System.getProperty("nyc311.schemathesis.venv"))
                .or(() -> Optional.ofNullable(System.getenv("NYC311_SCHEMATHESIS_VENV")))
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "nyc311", "schemathesis-venv"));
        Path executable = venv.resolve("bin/st");
        Assumptions.assumeTrue(
                Files.isExecutable(executable),
                () -> "Schemathesis is not installed at " + venv
                        + ": run scripts/schemathesis-venv.sh (or set NYC311_SCHEMATHESIS_VENV) to fuzz the OpenAPI contract");
        return new Schemathesis(executable);
    }

    /**
     * {@link #run} against the service on this loopback port, as every service publishes its document
     * ({@code /v3/api-docs}), the reports under {@code target/schemathesis}.
     */
    public Result runOnLocalPort(int port, String bearerToken) throws IOException, InterruptedException {
        return run(
                URI.create("http://127.0.0.1:" + port + "/v3/api-docs"),
                Path.of("target", "schemathesis"),
                bearerToken);
    }

    /**
     * Runs every phase with every check against the document at {@code openApi} (its {@code servers} entry
     * names the base URL), each call with {@code bearerToken} (its calls without it must be refused), writing the console report and a JUnit XML report under {@code reportDir}.
     */
    public Result run(URI openApi, Path reportDir, String bearerToken) throws IOException, InterruptedException {
        reportDir = Files.createDirectories(reportDir.toAbsolutePath());
        Path console = reportDir.resolve("schemathesis.txt");
        Path config = MlflowInstallation.projectRoot().resolve("scripts/schemathesis.toml");
        List<String> command = new ArrayList<>(List.of(
                executable.toString(),
                "--config-file",
                config.toString(),
                "run",
                openApi.toString(),
                "--checks",
                "all",
                "--max-examples",
                Integer.toString(MAX_EXAMPLES),
                "--seed",
                Long.toString(SEED),
                "--workers",
                "1",
                "--request-timeout",
                "30",
                "--generation-database",
                "none",
                "--no-color",
                "--report",
                "junit",
                "--report-dir",
                reportDir.toString()));
        // every call with the caller's token; --checks all includes ignored_auth, which calls without it and
        // expects the refusal the document declares
        command.addAll(List.of("--header", "Authorization: Bearer " + bearerToken));
        Process process = new ProcessBuilder(command)
                .directory(reportDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                ChildProcesses.stopTree(process, Duration.ofSeconds(5));
                throw new IOException("Schemathesis did not finish within " + TIMEOUT + " against " + openApi
                        + "; its output so far is in " + console);
            }
        } catch (InterruptedException e) {
            ChildProcesses.stopTree(process, Duration.ofSeconds(5));
            throw e;
        }
        String shown = String.join(" ", command).replace(bearerToken, "<token>");
        return new Result(process.exitValue(), shown, Files.readString(console, StandardCharsets.UTF_8));
    }

    /**
     * @param exitCode 0 when every check passed on every operation
     * @param command what ran, to run it again by hand
     * @param report Schemathesis' console report: each failure with its check, request and a curl to reproduce it
     */
    public record Result(int exitCode, String command, String report) {

        public boolean passed() {
            return exitCode == 0;
        }

        /** For an assertion message: the command, then the whole report. */
        public String describe() {
            return "Schemathesis exited with " + exitCode + "\n$ " + command + "\n" + report;
        }
    }
}
