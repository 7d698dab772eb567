package org.nyc311.launcher.ingest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nyc311.launcher.child.ChildRun;
import org.nyc311.testsupport.net.JavaCommand;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.s3.S3Server;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./nyc311 ingest}: lands one batch into a local S3 without the other services. It starts
 * s3proxy over {@code DIR/s3} and PostgreSQL over {@code DIR/postgres} (the run's job repository),
 * runs the ingest-service jar in its one-shot mode with events off, passes on its progress lines,
 * and stops everything at the end. Running the same command again after a failure resumes the run.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Land one batch of NYC 311 records into a local S3 (s3proxy under --workdir), without the other services.",
            "Prints each landed part and, at the end, the run id, the record count and the S3 prefix."
        })
public final class IngestCommand implements Callable<Integer> {

    /** The bucket ./nyc311 up uses too, so that a later up sees what ingest landed in the same folder. */
    public static final String BUCKET = "nyc311-lake";

    static final String DATABASE = "ingest_service";
    private static final String PROGRESS = "ingest: ";

    @Option(
            names = "--source",
            required = true,
            paramLabel = "api|PATH",
            description = "'api' for the Socrata SODA API, or a .jsonl, .jsonl.gz or Open Data CSV export file.")
    String source;

    @Mixin
    WindowOptions window = new WindowOptions();

    @Option(
            names = "--workdir",
            paramLabel = "DIR",
            description = "Folder for s3/, postgres/ and logs/ (default: ${DEFAULT-VALUE}).")
    Path workDirectory = Path.of(".nyc311", "ingest");

    @Option(names = "--page-size", paramLabel = "N", description = "Records per part (default: the service's, 50000).")
    Integer pageSize;

    @Option(names = "--soda-url", hidden = true, description = "Another SODA base URL (tests point it at a stub).")
    String sodaUrl;

    @Option(names = "--project-root", hidden = true)
    Path projectRoot = Path.of("").toAbsolutePath();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        window.check(spec);
        String resolvedSource = "api".equals(source)
                ? "api"
                : Path.of(source).toAbsolutePath().normalize().toString();
        if (!"api".equals(resolvedSource) && !Files.isRegularFile(Path.of(resolvedSource))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "no such file: " + resolvedSource + " (--source is 'api' or a file)");
        }
        Path jar = projectRoot.resolve("ingest-service").resolve("target").resolve("ingest-service.jar");
        if (!Files.isRegularFile(jar)) {
            out.println("nyc311 ingest: " + jar
                    + " is missing; build it with ./mvnw -B -DskipTests -pl ingest-service -am install");
            out.flush();
            return 1;
        }
        Path work = workDirectory.toAbsolutePath().normalize();
        Path log = work.resolve("logs").resolve("ingest-service.log");
        out.println("nyc311 ingest: " + resolvedSource
                + (window.given() ? " from " + window.from() + " to " + window.to() : "") + " (work folder " + work
                + ")");
        out.flush();
        try (S3Server s3 = S3Server.start(work.resolve("s3"), 0);
                PostgresServer postgres = PostgresServer.start(work.resolve("postgres"), 0)) {
            s3.createBucket(BUCKET);
            postgres.createDatabase(DATABASE);
            out.println(
                    "  s3proxy " + s3.endpoint() + ", PostgreSQL on port " + postgres.port() + "; service log " + log);
            out.flush();
            int exit = runService(command(jar, s3, postgres, resolvedSource), log, out);
            if (exit == 0) {
                out.println("nyc311 ingest: done; objects are files under "
                        + work.resolve("s3").resolve(BUCKET));
            } else {
                out.println("nyc311 ingest: failed (exit " + exit + "); see " + log);
            }
            out.flush();
            return exit;
        }
    }

    /** The child JVM: the service jar in one-shot mode, web off, events off, pointed at the local S3 and database. */
    List<String> command(Path jar, S3Server s3, PostgresServer postgres, String resolvedSource) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.main.banner-mode", "off");
        properties.put("nyc311.ingest.one-shot.source", resolvedSource);
        if (window.given()) {
            properties.put("nyc311.ingest.one-shot.from", window.from());
            properties.put("nyc311.ingest.one-shot.to", window.to());
        }
        properties.put("nyc311.ingest.events.enabled", "false");
        properties.put("nyc311.ingest.schedule.enabled", "false");
        // one local process at a time: a run killed with the command is taken over by its next run within seconds
        properties.put("nyc311.ingest.lease.length", "10s");
        properties.put("nyc311.ingest.lease.heartbeat", "2s");
        properties.put("nyc311.lake.bucket", BUCKET);
        if (pageSize != null) {
            properties.put("nyc311.ingest.soda.page-size", pageSize.toString());
            properties.put("nyc311.ingest.file.page-size", pageSize.toString());
        }
        if (sodaUrl != null) {
            properties.put("nyc311.ingest.soda.base-url", sodaUrl);
        }
        // with events off SQS is never called; the S3 properties carry the region and credentials every AWS client
        // wants
        properties.putAll(s3.springProperties());
        properties.putAll(postgres.springProperties(DATABASE));
        List<String> command = JavaCommand.jar(jar, "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        return command;
    }

    /** Runs the child to its end: every line to the log, its progress lines to the console too. */
    private static int runService(List<String> command, Path log, PrintWriter out)
            throws IOException, InterruptedException {
        ChildRun.Outcome outcome = ChildRun.run(command, log, line -> {
            if (line.startsWith(PROGRESS)) {
                out.println("  " + line.substring(PROGRESS.length()));
                out.flush();
            }
        });
        if (outcome.exitCode() != 0 && outcome.tail().stream().noneMatch(line -> line.startsWith(PROGRESS))) {
            // it died before it could say anything of its own: show why
            out.println("  the service exited with " + outcome.exitCode() + " before ingesting; the end of its log:");
            outcome.tail().forEach(line -> out.println("    " + line));
        }
        return outcome.exitCode();
    }
}
