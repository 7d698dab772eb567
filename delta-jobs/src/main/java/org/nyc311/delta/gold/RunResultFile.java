package org.nyc311.delta.gold;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nyc311.delta.silver.SilverStage;
import org.nyc311.model.pipeline.RunResult;

/**
 * Writes a run's {@link RunResult} as {@code <lake>/_pipeline_runs/<runId>/result.json}, where pipeline-controller
 * reads it. Through the Hadoop FileSystem API, so the same code writes to a local directory and to S3.
 */
final class RunResultFile {

    private RunResultFile() {}

    static RunResult.Silver silver(SilverStage.RunMetrics metrics) {
        return new RunResult.Silver(
                metrics.recordsIn(),
                metrics.inserted(),
                metrics.updated(),
                metrics.duplicates(),
                metrics.quarantined(),
                metrics.touchedDates().stream().map(java.sql.Date::toLocalDate).toList());
    }

    static void write(SparkSession spark, String location, RunResult result) throws IOException {
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        byte[] json = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build()
                .writeValueAsBytes(result);
        try (OutputStream out = fs.create(path, true)) {
            out.write(json);
        }
    }
}
