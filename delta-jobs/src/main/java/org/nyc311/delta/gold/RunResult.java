package org.nyc311.delta.gold;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import org.nyc311.delta.silver.SilverStage;

/**
 * What a pipeline run did, as {@code <lake>/_pipeline_runs/<runId>/result.json}: pipeline-controller
 * builds the GoldRefreshed event from it. Written through the Hadoop FileSystem API, so the same code
 * writes to a local directory and to S3.
 */
public record RunResult(
        String runId,
        Map<String, Long> tableVersions,
        @Nullable LocalDate latestCompleteDate,
        @Nullable Instant newestCreatedAt,
        Map<String, Long> rowCounts,
        SilverStage.RunMetrics silver) {

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runId", runId);
        json.put("tableVersions", tableVersions);
        json.put("latestCompleteDate", latestCompleteDate == null ? null : latestCompleteDate.toString());
        json.put("newestCreatedAt", newestCreatedAt == null ? null : newestCreatedAt.toString());
        json.put("rowCounts", rowCounts);
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
        return json;
    }

    public static void write(SparkSession spark, String location, RunResult result) throws IOException {
        Path path = new Path(location);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        byte[] bytes = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(result.toJson())
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = fs.create(path, true)) {
            out.write(bytes);
        }
    }
}
