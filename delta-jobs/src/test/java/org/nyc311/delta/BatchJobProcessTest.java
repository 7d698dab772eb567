package org.nyc311.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BatchJob's exit status as a controller sees it. The successful child-JVM run is
 * {@link FixturePipelineIT}'s first batch.
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

    @Test
    void anOptionOutOfRangeExitsNonZeroNamingItBeforeSparkStarts() throws Exception {
        BatchJobProcess.Result window = BatchJobProcess.run(
                "--lake-root", lake.toString(), "--run-id", "r1", "--forecastable-window-days", "0");
        assertThat(window.exit()).isNotZero();
        assertThat(window.output())
                .contains("batch failed: --forecastable-window-days must be at least 1 day, was 0")
                .doesNotContain("SparkContext");

        BatchJobProcess.Result retain =
                BatchJobProcess.run("--lake-root", lake.toString(), "--run-id", "r1", "--retain-hours", "-1");
        assertThat(retain.exit()).isNotZero();
        assertThat(retain.output())
                .contains("batch failed: --maintenance-every-days and --retain-hours must not be negative");
    }
}
