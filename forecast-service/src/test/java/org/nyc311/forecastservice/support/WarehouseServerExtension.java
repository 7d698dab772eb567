package org.nyc311.forecastservice.support;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.nyc311.testsupport.junit.SharedServerExtension;

/**
 * {@code @ExtendWith(WarehouseServerExtension.class)}: one local-sql-warehouse per test JVM. Tests
 * that need it skip, with the reason, when local-sql-warehouse has not been built.
 */
public final class WarehouseServerExtension extends SharedServerExtension<WarehouseServer> {

    public WarehouseServerExtension() {
        super(WarehouseServer.class);
    }

    @Override
    protected WarehouseServer start(Path scratch) throws Exception {
        Assumptions.assumeTrue(WarehouseServer.classpathFile() != null,
                "local-sql-warehouse tests skipped: no classpath file at " + System.getProperty("warehouse.classpath-file")
                        + "; build it with ./mvnw -pl local-sql-warehouse package -DskipTests");
        return WarehouseServer.start(scratch);
    }
}
