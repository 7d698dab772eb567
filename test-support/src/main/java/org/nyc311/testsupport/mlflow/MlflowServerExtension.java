package org.nyc311.testsupport.mlflow;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.nyc311.testsupport.junit.SharedServerExtension;

/**
 * {@code @ExtendWith(MlflowServerExtension.class)}: one MLflow tracking server per test JVM. Tests
 * that need it are skipped, with the reason, only where python3 is missing.
 */
public final class MlflowServerExtension extends SharedServerExtension<MlflowServer> {

    public MlflowServerExtension() {
        super(MlflowServer.class, MlflowServerExtension::start);
    }

    private static MlflowServer start(Path scratch) throws Exception {
        MlflowInstallation installation = new MlflowInstallation(MlflowInstallation.projectRoot());
        try {
            return MlflowServer.start(installation.mlflowExecutable(), scratch, 0);
        } catch (MlflowInstallation.MlflowUnavailableException e) {
            Assumptions.abort("MLflow tests skipped: " + e.getMessage());
            throw new AssertionError("unreachable");
        }
    }
}
