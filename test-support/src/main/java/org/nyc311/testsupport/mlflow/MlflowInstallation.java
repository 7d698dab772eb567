package org.nyc311.testsupport.mlflow;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the {@code mlflow} executable of the project's Python virtual environment, creating the
 * environment with {@code scripts/mlflow-venv.sh} when it is missing and python3 is there.
 *
 * <p>Where: the system property {@code nyc311.mlflow.venv}, else the environment variable
 * {@code NYC311_MLFLOW_VENV}, else {@code .venv/mlflow} under the project root.
 */
public final class MlflowInstallation {

    private final Path projectRoot;
    private final Path venv;

    public MlflowInstallation(Path projectRoot) {
        this.projectRoot = projectRoot;
        this.venv = Optional.ofNullable(System.getProperty("nyc311.mlflow.venv"))
                .or(() -> Optional.ofNullable(System.getenv("NYC311_MLFLOW_VENV")))
                .map(Path::of)
                .orElse(projectRoot.resolve(".venv/mlflow"));
    }

    /** The project root: the folder holding {@code mvnw}, from the {@code nyc311.project-root} property or upward from here. */
    public static Path projectRoot() {
        String configured = System.getProperty("nyc311.project-root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("scripts/mlflow-venv.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project root (a folder with mvnw) from "
                + Path.of("").toAbsolutePath());
    }

    public static boolean pythonAvailable() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))) {
                return true;
            }
        }
        return false;
    }

    /** The mlflow executable, ready to run; builds the venv first when needed (minutes, once). */
    public Path mlflowExecutable() throws IOException, MlflowUnavailableException {
        Path executable = venv.resolve("bin/mlflow");
        if (!pythonAvailable() && !Files.isExecutable(executable)) {
            throw new MlflowUnavailableException(
                    "python3 is not installed, so there is no MLflow tracking server here; "
                            + "install Python 3 and run scripts/mlflow-venv.sh");
        }
        Process process = new ProcessBuilder(
                        "bash", projectRoot.resolve("scripts/mlflow-venv.sh").toString(), venv.toString())
                .inheritIO()
                .start();
        try {
            int exit = process.waitFor();
            if (exit == 3) {
                throw new MlflowUnavailableException("python3 is not installed; MLflow tracking is unavailable");
            }
            if (exit != 0) {
                throw new IOException("scripts/mlflow-venv.sh failed with exit code " + exit + " for " + venv);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preparing " + venv, e);
        }
        return executable;
    }

    /** MLflow cannot run on this machine, for a reason a person can act on. */
    public static final class MlflowUnavailableException extends Exception {
        public MlflowUnavailableException(String message) {
            super(message);
        }
    }
}
