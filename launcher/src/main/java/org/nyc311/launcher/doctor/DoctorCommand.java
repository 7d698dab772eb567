package org.nyc311.launcher.doctor;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./nyc311 doctor}: what this machine has and lacks for running the platform, and what to do about it. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description =
                "Check this machine for what the platform needs (Java 17, Python 3 for MLflow, disk, the real data).")
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--project-root", description = "The project folder (default: the current folder).")
    private Path projectRoot = Path.of("").toAbsolutePath();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Check> checks = new MachineChecks(projectRoot, System.getenv()).run();
        for (Check check : checks) {
            out.printf("%-8s %-22s %s%n", check.outcome(), check.name(), check.detail());
        }
        boolean blocking = checks.stream().anyMatch(check -> check.outcome() == Check.Outcome.MISSING);
        out.println(
                blocking
                        ? "Something the platform needs is missing: see above."
                        : "This machine can run the platform.");
        return blocking ? 1 : 0;
    }
}
