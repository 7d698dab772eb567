package org.nyc311.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the launcher's tests on the real jars need before they start: the modules' jars, which only the whole
 * reactor builds (without them a test is skipped, not failed, so that {@code -pl launcher} runs alone), and a work
 * folder that PostgreSQL can enter.
 */
public final class ReactorJars {

    private ReactorJars() {}

    /** Skips the calling test unless {@code <module>/target/<module>.jar} is built for every module named. */
    public static void assumeBuilt(Path projectRoot, String... modules) {
        for (String module : modules) {
            Path jar = projectRoot.resolve(module).resolve("target").resolve(module + ".jar");
            Assumptions.assumeTrue(
                    Files.isRegularFile(jar), "skipped: " + jar + " is not built; run the reactor (./mvnw verify)");
        }
    }

    /**
     * Opens a work folder (a {@code @TempDir} is 700) for reading and traversal: PostgreSQL runs as 'nobody' when
     * the tests run as root, and must walk into its data folder below it.
     */
    public static void openToPostgres(Path work) throws IOException {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
