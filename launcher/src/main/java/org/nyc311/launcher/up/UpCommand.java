package org.nyc311.launcher.up;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nyc311.launcher.demo.DemoCity;
import org.nyc311.launcher.ingest.ReplayFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./nyc311 up}: the whole platform on this machine until Ctrl-C.
 *
 * <p>S3 (s3proxy), SQS (ElasticMQ, every queue with its DLQ), PostgreSQL, MLflow, local-sql-warehouse
 * and the five services with the {@code local} profile; then, on a first start or with
 * {@code --offline} or {@code --demo}, the first intake, followed down the event chain to the anomaly check.
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = "Run the whole platform locally on embedded defaults until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration STAGE_TIMEOUT = Duration.ofMinutes(15);
    private static final long DEMO_SEED = 311L;

    @Option(names = "--workdir", description = "Run folder: data/ and logs/ live here (default: ${DEFAULT-VALUE}).")
    private Path workDirectory = Path.of(".nyc311", "run");

    @Option(names = "--project-root", hidden = true)
    private Path projectRoot = Path.of("").toAbsolutePath();

    @Option(names = "--no-mlflow", description = "Run without the MLflow tracking server.")
    private boolean noMlflow;

    @Option(
            names = "--offline",
            paramLabel = "PATH",
            description =
                    "First intake from this file (.jsonl, .jsonl.gz, .csv or .csv.gz, an Open Data export) or from "
                            + "every such file of this folder, one batch each in name order, instead of the live API.")
    private Path offline;

    @Option(
            names = "--demo",
            description = "First intake from a generated demo city (140 days, ending now, with a spike "
                    + "the anomaly detection must catch) instead of the live API; written to <workdir>/demo.")
    private boolean demo;

    @Option(
            names = "--days",
            paramLabel = "N",
            description = "Days the first live intake reaches back (default: ${DEFAULT-VALUE}).")
    private int days = 7;

    @Option(names = "--no-intake", description = "Start the platform without a first intake.")
    private boolean noIntake;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = workDirectory.toAbsolutePath().normalize();
        out.println("nyc311 up: starting the platform (data and logs in " + work + ")");
        out.flush();
        if (offline != null && demo) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--offline and --demo are two sources; choose one");
        }
        if (days < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be at least 1");
        }
        List<Path> batches = demo
                ? new DemoCity().write(work.resolve("demo"), ZonedDateTime.now(NEW_YORK), DEMO_SEED)
                : offline == null
                        ? List.of()
                        : offlineBatches(offline.toAbsolutePath().normalize());
        // a second start reuses the data of the first: only a first start (or --offline, --demo) ingests
        boolean intake = !noIntake
                && (!batches.isEmpty()
                        || !Files.isDirectory(work.resolve("data/s3")
                                .resolve(LocalPlatform.BUCKET)
                                .resolve("raw")));
        long begin = System.nanoTime();
        LocalPlatform platform = LocalPlatform.start(
                projectRoot,
                work,
                PlatformPorts.defaults(),
                !noMlflow,
                batches.isEmpty() ? null : batches.get(0).getParent(),
                out);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopping.set(true);
                            out.println();
                            out.println("nyc311 up: stopping everything it started ...");
                            out.flush();
                            platform.close();
                            out.println("nyc311 up: stopped.");
                            out.flush();
                            stopped.countDown();
                        },
                        "nyc311-up-stop"));

        out.printf("nyc311 up: every component is healthy after %d s%n", (System.nanoTime() - begin) / 1_000_000_000);
        out.flush();
        if (intake) {
            FirstIntake.Request request = new FirstIntake.Request(batches, days, LocalDate.now(Clock.system(NEW_YORK)));
            new FirstIntake(platform.serviceUris(), platform.analystClient(), out, STAGE_TIMEOUT).run(request);
        } else if (!noIntake) {
            out.println(
                    "  intake                 skipped   the lake holds an earlier run's data (--offline PATH or --demo ingests more)");
        }
        Map<LocalService, URI> uris = platform.serviceUris();
        out.println("nyc311 up: ready");
        out.println("  Dashboard  " + uris.get(LocalService.DASHBOARD));
        out.println("  API docs   "
                + Objects.requireNonNull(uris.get(LocalService.FORECAST)).resolve("/swagger-ui")
                + "  (forecasts; each service has /swagger-ui)");
        out.println("  MLflow     " + platform.mlflowUri().map(Object::toString).orElse("off"));
        out.println("Press Ctrl-C to stop.");
        out.flush();

        // keep running; if a service dies, say so rather than serve half a platform silently
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            var dead = platform.firstDeadService();
            if (dead.isPresent() && !stopping.get()) {
                out.println("nyc311 up: " + dead.get().service().module() + " stopped unexpectedly; see "
                        + dead.get().log());
                out.flush();
                return 1;
            }
        }
        return 0;
    }

    /** The file, or the folder's files the ingest service can read, in name order: each one batch. */
    private List<Path> offlineBatches(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file or folder: " + path);
        }
        List<Path> files = ReplayFiles.of(path);
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), path + " holds no .jsonl, .jsonl.gz, .csv or .csv.gz file to replay");
        }
        return files;
    }
}
