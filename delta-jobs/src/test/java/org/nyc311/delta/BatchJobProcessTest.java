package org.nyc311.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BatchJob's exit status as a controller sees it. The successful child-JVM run is
 * {@link FixturePipelineTest}'s first batch.
 */
class BatchJobProcessTest {

    @TempDir
    Path lake;

    @Test
    void aWrongCallExitsNonZeroWithAMessageBeforeSparkStarts() throws Exception {
        BatchJobProcess.Result run = BatchJobProcess.run("--lake-root", lake.toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("batch failed: missing required argument --run-id");
    }
}
