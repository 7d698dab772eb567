package org.nyc311.launcher.doctor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checks behind {@code doctor}, with the environment passed in so that a test can vary it. */
final class MachineChecks {

    private static final long MIN_FREE_BYTES = 5L * 1024 * 1024 * 1024;

    private final Path projectRoot;
    private final Map<String, String> environment;

    MachineChecks(Path projectRoot, Map<String, String> environment) {
        this.projectRoot = projectRoot;
        this.environment = environment;
    }

    List<Check> run() {
        return List.of(java(Runtime.version().feature()), python(), mlflowVenv(), disk(), sharedData());
    }

    Check java(int feature) {
        return feature >= 17
                ? new Check("Java", Check.Outcome.OK, "Java " + feature + " (17 or newer needed)")
                : new Check(
                        "Java",
                        Check.Outcome.MISSING,
                        "Java " + feature + " found; install a JDK 17 and set JAVA_HOME");
    }

    Check python() {
        return onPath("python3")
                .map(p -> new Check("Python 3", Check.Outcome.OK, p.toString()))
                .orElse(new Check(
                        "Python 3",
                        Check.Outcome.DEGRADED,
                        "python3 not on PATH: the platform runs without MLflow tracking"));
    }

    Check mlflowVenv() {
        Path venv = Optional.ofNullable(environment.get("NYC311_MLFLOW_VENV"))
                .map(Path::of)
                .orElse(projectRoot.resolve(".venv/mlflow"));
        return optional(
                "MLflow venv",
                venv,
                Files.isExecutable(venv.resolve("bin/mlflow")),
                "not created yet: scripts/mlflow-venv.sh makes it (the first run does this itself)");
    }

    Check disk() {
        try {
            long free = Files.getFileStore(projectRoot).getUsableSpace();
            String detail = (free / (1024 * 1024 * 1024)) + " GiB free where the project lives";
            return free >= MIN_FREE_BYTES
                    ? new Check("Disk", Check.Outcome.OK, detail)
                    : new Check("Disk", Check.Outcome.DEGRADED, detail + "; 5 GiB or more is comfortable");
        } catch (IOException e) {
            return new Check("Disk", Check.Outcome.DEGRADED, "cannot tell: " + e.getMessage());
        }
    }

    Check sharedData() {
        Path data = projectRoot.resolve("../shared/data").normalize();
        return optional(
                "Real NYC 311 data",
                data,
                Files.isDirectory(data.resolve("series")),
                "absent: tests on real data skip, fixtures still run");
    }

    /** Something the platform can do without: OK naming where it is, else DEGRADED saying what its absence costs. */
    private static Check optional(String name, Path where, boolean present, String absence) {
        return present
                ? new Check(name, Check.Outcome.OK, where.toString())
                : new Check(name, Check.Outcome.DEGRADED, where + " " + absence);
    }

    private Optional<Path> onPath(String executable) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return Optional.of(Path.of(dir, executable));
            }
        }
        return Optional.empty();
    }
}
