package org.nyc311.delta.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.nyc311.delta.silver.SilverColumns.*;

import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.nyc311.delta.DeltaTables;
import org.nyc311.delta.JobArgs;
import org.nyc311.delta.LakeLayout;
import org.nyc311.delta.Stage;
import org.nyc311.delta.bronze.BronzeColumns;

/**
 * Silver: the bronze rows of this run (and of any earlier run that died before silver), typed, checked and deduplicated, MERGEd into
 * {@code silver/service_requests} by unique_key. Unusable rows go to {@code silver/quarantine} with
 * their reason. The run's counts (records in = inserted + updated + duplicates + quarantined) and the
 * New York dates it touched go to the pipeline metrics table, where gold finds them.
 *
 * <p>Nothing is written that would not change: a rerun of the same run, or a batch of records silver
 * already holds, adds no silver version.
 */
public final class SilverStage implements Stage {

    public static final StructType METRICS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("finished_at", DataTypes.TimestampType, false)
            .add("records_in", DataTypes.LongType, false)
            .add("inserted", DataTypes.LongType, false)
            .add("updated", DataTypes.LongType, false)
            .add("duplicates", DataTypes.LongType, false)
            .add("quarantined", DataTypes.LongType, false)
            .add("touched_dates", DataTypes.createArrayType(DataTypes.DateType), false);

    private final Clock clock;

    public SilverStage() {
        this(Clock.systemUTC());
    }

    public SilverStage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void run(SparkSession spark, JobArgs args) {
        LakeLayout lake = LakeLayout.from(args);
        String runId = args.required("run-id");
        Instant now = clock.instant();
        SilverTransform.registerFunctions(spark);
        if (!DeltaTables.exists(spark, lake.bronzeRequests())) {
            throw new IllegalStateException("no bronze table at " + lake.bronzeRequests() + ": run bronze first");
        }
        Dataset<Row> bronze = spark.read().format("delta").load(lake.bronzeRequests())
                .where(col(BronzeColumns.RUN_ID).equalTo(runId).or(not(col(BronzeColumns.RUN_ID).isin(finishedRuns(spark, lake)))));
        Dataset<Row> typed = SilverTransform.typed(bronze, now, runId).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            runOn(spark, lake, runId, now, typed);
        } finally {
            typed.unpersist();
        }
    }

    /**
     * The runs silver has finished (they have a metrics row). Bronze rows of any other run belong to a
     * run that died between bronze and silver: this run takes them too, so a batch is never stranded in
     * bronze when the controller starts a fresh run instead of retrying the old one. Taking rows twice is
     * harmless: the MERGE classifies a row silver already holds as a duplicate.
     */
    private static Object[] finishedRuns(SparkSession spark, LakeLayout lake) {
        if (!DeltaTables.exists(spark, lake.pipelineMetrics())) {
            return new Object[0];
        }
        return spark.read().format("delta").load(lake.pipelineMetrics()).select("run_id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().toArray();
    }

    private void runOn(SparkSession spark, LakeLayout lake, String runId, Instant now, Dataset<Row> typed) {
        long recordsIn = typed.count();
        long quarantined = writeQuarantine(spark, lake, typed);

        Dataset<Row> ranked = SilverTransform.ranked(typed).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> winners = ranked.where(col("_rank").equalTo(1)).drop("_rank", RAW_RECORD, QUARANTINE_REASON);
        long batchDuplicates = ranked.where(col("_rank").gt(1)).count();

        if (!DeltaTables.exists(spark, lake.silverRequests())) {
            winners.select(SilverTransform.SILVER_COLUMNS.stream().map(org.apache.spark.sql.functions::col)
                            .toArray(org.apache.spark.sql.Column[]::new))
                    .limit(0).write().format("delta").save(lake.silverRequests());
        }
        long version = DeltaTables.version(spark, lake.silverRequests());
        Dataset<Row> current = DeltaTables.at(spark, lake.silverRequests(), version);
        Dataset<Row> classified = SilverTransform.classify(winners, current).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> byClass = new HashMap<>();
            for (Row row : classified.groupBy(SilverTransform.CLASS).count().collectAsList()) {
                byClass.put(row.getString(0), row.getLong(1));
            }
            long inserted = byClass.getOrDefault(SilverTransform.INSERT, 0L);
            long updated = byClass.getOrDefault(SilverTransform.UPDATE, 0L);
            long duplicates = batchDuplicates + byClass.getOrDefault(SilverTransform.DUPLICATE, 0L);

            Dataset<Row> changes = classified.where(col(SilverTransform.CLASS).notEqual(SilverTransform.DUPLICATE));
            TreeSet<Date> touched = new TreeSet<>();
            for (Row row : changes.select(CREATED_DATE_LOCAL).union(changes.select(SilverTransform.OLD_DATE))
                    .where(col(CREATED_DATE_LOCAL).isNotNull()).distinct().collectAsList()) {
                touched.add(row.getDate(0));
            }
            if (inserted + updated > 0) {
                DeltaTable.forPath(spark, lake.silverRequests()).as("t")
                        .merge(changes.select(SilverTransform.SILVER_COLUMNS.stream()
                                .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
                                .as("s"), "t.unique_key = s.unique_key")
                        .whenMatched().updateAll()
                        .whenNotMatched().insertAll()
                        .execute();
            }
            if (recordsIn != inserted + updated + duplicates + quarantined) {
                throw new IllegalStateException("silver counts do not add up for run " + runId + ": in " + recordsIn
                        + " != inserted " + inserted + " + updated " + updated + " + duplicates " + duplicates
                        + " + quarantined " + quarantined);
            }
            writeMetrics(spark, lake, new RunMetrics(runId, now, recordsIn, inserted, updated, duplicates,
                    quarantined, new ArrayList<>(touched)));
            System.out.printf("silver: run %s in=%d inserted=%d updated=%d duplicates=%d quarantined=%d dates=%d%n",
                    runId, recordsIn, inserted, updated, duplicates, quarantined, touched.size());
        } finally {
            classified.unpersist();
            ranked.unpersist();
        }
    }

    /** Appends the quarantined rows not already there (same record from the same file), returns how many the run had. */
    private static long writeQuarantine(SparkSession spark, LakeLayout lake, Dataset<Row> typed) {
        Dataset<Row> quarantine = SilverTransform.quarantine(typed);
        long count = quarantine.count();
        if (count == 0) {
            return 0;
        }
        Dataset<Row> fresh = quarantine;
        if (DeltaTables.exists(spark, lake.silverQuarantine())) {
            Dataset<Row> existing = spark.read().format("delta").load(lake.silverQuarantine())
                    .select(RECORD_HASH, SOURCE_FILE);
            fresh = quarantine.join(existing, quarantine.col(RECORD_HASH).equalTo(existing.col(RECORD_HASH))
                    .and(quarantine.col(SOURCE_FILE).equalTo(existing.col(SOURCE_FILE))), "left_anti");
        }
        Dataset<Row> toWrite = fresh.cache();
        try {
            if (!toWrite.isEmpty()) {
                toWrite.write().format("delta").mode("append").save(lake.silverQuarantine());
            }
        } finally {
            toWrite.unpersist();
        }
        return count;
    }

    private static void writeMetrics(SparkSession spark, LakeLayout lake, RunMetrics metrics) {
        Dataset<Row> row = spark.createDataFrame(List.of(RowFactory.create(metrics.runId(),
                Timestamp.from(metrics.finishedAt()), metrics.recordsIn(), metrics.inserted(), metrics.updated(),
                metrics.duplicates(), metrics.quarantined(), metrics.touchedDates())), METRICS_SCHEMA);
        if (!DeltaTables.exists(spark, lake.pipelineMetrics())) {
            row.write().format("delta").save(lake.pipelineMetrics());
            return;
        }
        DeltaTable.forPath(spark, lake.pipelineMetrics()).as("t")
                .merge(row.as("s"), "t.run_id = s.run_id")
                .whenMatched().updateAll()
                .whenNotMatched().insertAll()
                .execute();
    }

    /** Reads a run's silver counts back, for gold and the run result. */
    public static RunMetrics readMetrics(SparkSession spark, LakeLayout lake, String runId) {
        if (!DeltaTables.exists(spark, lake.pipelineMetrics())) {
            throw new IllegalStateException("no pipeline metrics at " + lake.pipelineMetrics() + ": run silver first");
        }
        List<Row> rows = spark.read().format("delta").load(lake.pipelineMetrics())
                .where(col("run_id").equalTo(lit(runId))).collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("silver has not run for run " + runId + " (no row in " + lake.pipelineMetrics() + ")");
        }
        Row r = rows.get(0);
        return new RunMetrics(r.getString(0), r.getTimestamp(1).toInstant(), r.getLong(2), r.getLong(3), r.getLong(4),
                r.getLong(5), r.getLong(6), r.getList(7));
    }

    /** One run's silver counts and the New York dates whose gold rows it changed. */
    public record RunMetrics(String runId, Instant finishedAt, long recordsIn, long inserted, long updated,
            long duplicates, long quarantined, List<Date> touchedDates) {

        public RunMetrics {
            touchedDates = List.copyOf(touchedDates);
        }
    }
}
