package org.nyc311.launcher.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineChecksTest {

    @Test
    void javaOlderThan17IsMissingAndSaysWhatToInstall(@TempDir Path root) {
        MachineChecks checks = new MachineChecks(root, Map.of());

        assertThat(checks.java(11).outcome()).isEqualTo(Check.Outcome.MISSING);
        assertThat(checks.java(11).detail()).contains("JDK 17");
        assertThat(checks.java(17).outcome()).isEqualTo(Check.Outcome.OK);
    }

    @Test
    void missingPythonOnlyDegradesThePlatform(@TempDir Path root) {
        Check python = new MachineChecks(root, Map.of("PATH", root.toString())).python();

        assertThat(python.outcome()).isEqualTo(Check.Outcome.DEGRADED);
        assertThat(python.detail()).contains("without MLflow");
    }

    @Test
    void pythonIsFoundOnThePath(@TempDir Path bin) throws Exception {
        Path python = Files.createFile(
                bin.resolve("python3"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        Check check = new MachineChecks(bin, Map.of("PATH", "/nonexistent:" + bin)).python();

        assertThat(check.outcome()).isEqualTo(Check.Outcome.OK);
        assertThat(check.detail()).isEqualTo(python.toString());
    }

    @Test
    void mlflowVenvIsReadyOnlyWithItsExecutable(@TempDir Path root) throws Exception {
        MachineChecks checks = new MachineChecks(root, Map.of());
        assertThat(checks.mlflowVenv().outcome()).isEqualTo(Check.Outcome.DEGRADED);

        Files.createDirectories(root.resolve(".venv/mlflow/bin"));
        Files.createFile(
                root.resolve(".venv/mlflow/bin/mlflow"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(checks.mlflowVenv().outcome()).isEqualTo(Check.Outcome.OK);
    }
}
