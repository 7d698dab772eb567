package org.nyc311.testsupport.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.nyc311.testsupport.junit.SharedServerExtension;
import org.nyc311.testsupport.mlflow.MlflowInstallation;

/**
 * {@code @ExtendWith(LocalSqlWarehouseExtension.class)}: one local-sql-warehouse per test JVM, over an
 * empty lake folder in the run's scratch space ({@link LocalSqlWarehouseProcess#lakeRoot()}); tests create their gold tables there.
 * Tests skip, with the build command, when local-sql-warehouse has not been built.
 */
public final class LocalSqlWarehouseExtension extends SharedServerExtension<LocalSqlWarehouseProcess> {

    public LocalSqlWarehouseExtension() {
        super(LocalSqlWarehouseProcess.class, LocalSqlWarehouseExtension::start);
    }

    private static LocalSqlWarehouseProcess start(Path scratch) throws Exception {
        Path module = MlflowInstallation.projectRoot().resolve("local-sql-warehouse");
        Assumptions.assumeTrue(
                Files.isRegularFile(module.resolve("target/local-sql-warehouse.classpath")),
                "local-sql-warehouse tests skipped: " + module
                        + " is not built; run ./mvnw -pl local-sql-warehouse -am package -DskipTests");
        Path lake = Files.createDirectories(scratch.resolve("lake"));
        return LocalSqlWarehouseProcess.start(
                module, lake.toUri().toString(), 0, scratch.resolve("local-sql-warehouse.log"), Duration.ofMinutes(3));
    }
}
