package org.nyc311.delta.gold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.nyc311.delta.silver.SilverStage;
import org.nyc311.model.pipeline.RunResult;

/**
 * Writes a run's {@link RunResult} as {@code <lake>/_pipeline_runs/<runId>/result.json}, where pipeline-controller
 * reads it into the same record. Through the Hadoop FileSystem API, so the same code writes to a local directory
 * and to S3. Dates and instants are written as ISO strings by hand: the job runs on the runtime's Jackson, and
 * needs nothing beyond its core (no Java-time module); {@code RunResultFileTest} reads the output back into the
 * record.
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
        try (OutputStream out = fs.create(path, true)) {
            out.write(json(result).getBytes(StandardCharsets.UTF_8));
        }
    }

    static String json(RunResult result) throws JsonProcessingException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", result.runId());
        json.put("tableVersions", result.tableVersions());
        json.put(
                "latestCompleteDate",
                result.latestCompleteDate() == null
                        ? null
                        : result.latestCompleteDate().toString());
        json.put(
                "newestCreatedAt",
                result.newestCreatedAt() == null
                        ? null
                        : result.newestCreatedAt().toString());
        json.put("rowCounts", result.rowCounts());
        RunResult.Silver silver = result.silver();
        if (silver != null) {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("recordsIn", silver.recordsIn());
            counts.put("inserted", silver.inserted());
            counts.put("updated", silver.updated());
            counts.put("duplicates", silver.duplicates());
            counts.put("quarantined", silver.quarantined());
            counts.put(
                    "touchedDates",
                    silver.touchedDates().stream().map(Object::toString).toList());
            json.put("silver", counts);
        } else {
            json.put("silver", null);
        }
        Map<String, Long> perDate = new LinkedHashMap<>();
        result.requestsPerDate().forEach((date, requests) -> perDate.put(date.toString(), requests));
        json.put("requestsPerDate", perDate);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
    }
}
