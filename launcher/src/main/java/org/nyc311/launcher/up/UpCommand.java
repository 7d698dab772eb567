package org.nyc311.launcher.up;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./nyc311 up}: the whole platform on this machine until Ctrl-C.
 *
 * <p>What runs today: S3 (s3proxy), SQS (ElasticMQ, every queue with its DLQ), PostgreSQL, MLflow,
 * and the five services with the {@code local} profile. The first intake and the event chain
 * join as their services gain them.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run the whole platform locally on embedded defaults until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--workdir", description = "Run folder: data/ and logs/ live here (default: ${DEFAULT-VALUE}).")
    private Path workDirectory = Path.of(".nyc311", "run");

    @Option(names = "--project-root", hidden = true)
    private Path projectRoot = Path.of("").toAbsolutePath();

    @Option(names = "--no-mlflow", description = "Run without the MLflow tracking server.")
    private boolean noMlflow;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = workDirectory.toAbsolutePath().normalize();
        out.println("nyc311 up: starting the platform (data and logs in " + work + ")");
        out.flush();
        long begin = System.nanoTime();
        LocalPlatform platform = LocalPlatform.start(projectRoot, work, PlatformPorts.defaults(), !noMlflow, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println();
            out.println("nyc311 up: stopping everything it started ...");
            out.flush();
            platform.close();
            out.println("nyc311 up: stopped.");
            out.flush();
            stopped.countDown();
        }, "nyc311-up-stop"));

        out.printf("nyc311 up: ready in %d s%n", (System.nanoTime() - begin) / 1_000_000_000);
        out.println("  Dashboard  http://127.0.0.1:" + LocalService.DASHBOARD.defaultPort());
        out.println("  API        http://127.0.0.1:" + LocalService.FORECAST.defaultPort() + "/actuator/health");
        out.println("  MLflow     " + platform.mlflowUri().map(Object::toString).orElse("off"));
        out.println("Press Ctrl-C to stop.");
        out.flush();

        // keep running; if a service dies, say so rather than serve half a platform silently
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            var dead = platform.firstDeadService();
            if (dead.isPresent()) {
                out.println("nyc311 up: " + dead.get().service().module() + " stopped unexpectedly; see " + dead.get().log());
                out.flush();
                return 1;
            }
        }
        return 0;
    }
}
