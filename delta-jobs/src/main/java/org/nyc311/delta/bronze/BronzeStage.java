package org.nyc311.delta.bronze;

import static org.apache.spark.sql.functions.col;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.nyc311.delta.JobArgs;
import org.nyc311.delta.LakeLayout;
import org.nyc311.delta.Stage;

/**
 * Bronze: takes every raw file not taken before, exactly once (a streaming source with a checkpoint,
 * {@code Trigger.AvailableNow()}), and appends its lines to a Delta table partitioned by ingestion date.
 *
 * <p>{@code --source-format json} (default) is Spark's file source, for local runs; {@code cloudFiles}
 * is Databricks Auto Loader. Both read the lines as text: see {@link BronzeTransform}. Only
 * {@code *.json.gz} files are read, so each run folder's {@code _manifest.json} never becomes data
 * (Spark's listing skips names starting with '_' as well; the glob makes it explicit for Auto Loader).
 */
public final class BronzeStage implements Stage {

    @Override
    public void run(SparkSession spark, JobArgs args) throws TimeoutException {
        LakeLayout lake = LakeLayout.from(args);
        String runId = args.required("run-id");
        String format = args.get("source-format", "json");
        ensureExists(spark, lake.rawRoot());
        org.apache.spark.sql.streaming.DataStreamReader reader = switch (format) {
            case "json" -> spark.readStream().format("text");
            case "cloudFiles" ->
                spark.readStream()
                        .format("cloudFiles")
                        .option("cloudFiles.format", "text")
                        .option("cloudFiles.schemaLocation", lake.checkpoint("bronze_service_requests") + "/_schema");
            default ->
                throw new IllegalArgumentException("--source-format must be json or cloudFiles, not '" + format + "'");
        };
        Dataset<Row> lines = reader.option("pathGlobFilter", args.get("raw-glob", "*.json.gz"))
                .option("recursiveFileLookup", "true")
                .load(lake.rawRoot())
                .select(col("value"), col("_metadata.file_path").as(BronzeColumns.SOURCE_FILE));
        StreamingQuery query = lake.bronzeRequests()
                .startStream(BronzeTransform.toBronze(lines, runId)
                        .writeStream()
                        .format("delta")
                        .outputMode("append")
                        .partitionBy(BronzeColumns.INGESTION_DATE)
                        .option("checkpointLocation", lake.checkpoint("bronze_service_requests"))
                        .trigger(Trigger.AvailableNow()));
        try {
            query.awaitTermination();
        } catch (org.apache.spark.sql.streaming.StreamingQueryException e) {
            throw new IllegalStateException("bronze intake from " + lake.rawRoot() + " failed: " + e.getMessage(), e);
        }
        System.out.println(
                "bronze: run " + runId + " took raw files under " + lake.rawRoot() + " into " + lake.bronzeRequests());
    }

    /** A streaming file source refuses a missing folder; before the first landing there is simply nothing to take. */
    private static void ensureExists(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(path);
            org.apache.hadoop.fs.FileSystem fs =
                    folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(folder)) {
                fs.mkdirs(folder);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot reach raw root " + path, e);
        }
    }
}
