package org.nyc311.delta.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.nyc311.delta.silver.SilverColumns.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.nyc311.delta.JobArgs;
import org.nyc311.delta.LakeLayout;
import org.nyc311.delta.Stage;
import org.nyc311.delta.bronze.BronzeColumns;

/**
 * Silver: the bronze rows of this run (and of any earlier run that died before silver, and of the batches
 * named with {@code --ingestion-runs}), typed, checked and deduplicated, MERGEd into
 * {@code silver/service_requests} by unique_key. Unusable rows go to {@code silver/quarantine} with
 * their reason. The run's counts (records in = inserted + updated + duplicates + quarantined) and the
 * New York dates it touched go to the pipeline metrics table, where gold finds them.
 *
 * <p>A retry ends as its first attempt would have, wherever that attempt died: the MERGE commit carries
 * the run id, and a retry that finds it classifies against the version before it (same counts, same
 * touched dates, old dates of updates included) instead of seeing its own rows as duplicates. A batch
 * read again under a new run id (a manual rerun) touches all its records' dates.
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

    /** Delta writes this session setting into every commit's {@code userMetadata}. */
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private final Clock clock;

    public SilverStage() {
        this(Clock.systemUTC());
    }

    public SilverStage(Clock clock) {
        this.clock = clock;
    }

    /**
     * How far back silver looks for its own commits: a retry comes minutes or hours after the attempt
     * it repeats, with at most a few runs between, so a bounded window keeps the look-up's cost flat as
     * the table's history grows.
     */
    static final int HISTORY_WINDOW = 100;

    @Override
    public void run(SparkSession spark, JobArgs args) {
        LakeLayout lake = LakeLayout.from(args);
        String runId = args.required("run-id");
        // the batches the run covers (pipeline-controller names them): read again even when bronze took them before
        List<String> batches = args.list("ingestion-runs");
        Instant now = clock.instant();
        SilverTransform.registerFunctions(spark);
        if (!lake.bronzeRequests().exists(spark)) {
            throw new IllegalStateException("no bronze table at " + lake.bronzeRequests() + ": run bronze first");
        }
        Dataset<Row> all = lake.bronzeRequests().read(spark);
        Column named = batches.isEmpty()
                ? lit(false)
                : col(BronzeColumns.INGESTION_RUN).isin(batches.toArray());
        Dataset<Row> bronze = all.where(col(BronzeColumns.RUN_ID).equalTo(runId).or(named))
                .unionByName(unfinished(
                        spark,
                        lake,
                        all.where(col(BronzeColumns.RUN_ID).notEqual(runId).and(not(named)))));
        // a named batch that another run took into bronze: this run reads it again (a manual rerun)
        Dataset<Row> reread = all.where(named.and(col(BronzeColumns.RUN_ID).notEqual(runId)));
        Dataset<Row> typed = SilverTransform.typed(bronze, now, runId).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            runOn(spark, lake, runId, now, typed, reread, isComplete(spark, lake, runId));
        } finally {
            typed.unpersist();
        }
    }

    /**
     * A run is complete once gold has left its result. Running a complete run again is a new look at the
     * same input (everything already in silver, so duplicates, and nothing to write); running an
     * incomplete one is a retry that must end as its first attempt would have.
     */
    private static boolean isComplete(SparkSession spark, LakeLayout lake, String runId) {
        try {
            Path result = new Path(lake.runResult(runId));
            return result.getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .exists(result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for " + lake.runResult(runId), e);
        }
    }

    /**
     * The bronze rows of runs silver has not finished (they have no metrics row): rows of a run that died
     * between bronze and silver. This run takes them too, so a batch is never stranded in bronze when the
     * controller starts a fresh run instead of retrying the old one. Taking rows twice is harmless: the
     * MERGE classifies a row silver already holds as a duplicate.
     *
     * <p>The unfinished runs are found by an anti join on bronze's run id column alone (a narrow scan),
     * and only their ids, usually none, come to the driver, not the finished runs' list, which grows by
     * one a day for as long as the lake lives. Filtering by those few ids lets Delta skip every file of
     * other runs by its column statistics.
     */
    private static Dataset<Row> unfinished(SparkSession spark, LakeLayout lake, Dataset<Row> bronze) {
        if (!lake.pipelineMetrics().exists(spark)) {
            return bronze;
        }
        Dataset<Row> finished = lake.pipelineMetrics().read(spark).select(col("run_id"));
        List<String> runs = bronze.select(col(BronzeColumns.RUN_ID).as("run_id"))
                .distinct()
                .join(finished, "run_id", "left_anti")
                .as(Encoders.STRING())
                .collectAsList();
        return bronze.where(col(BronzeColumns.RUN_ID).isin(runs.toArray()));
    }

    private void runOn(
            SparkSession spark,
            LakeLayout lake,
            String runId,
            Instant now,
            Dataset<Row> typed,
            Dataset<Row> reread,
            boolean complete) {
        long recordsIn = typed.count();
        long quarantined = writeQuarantine(spark, lake, typed);

        Dataset<Row> ranked = SilverTransform.ranked(typed).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> winners = ranked.where(col("_rank").equalTo(1)).drop("_rank", RAW_RECORD, QUARANTINE_REASON);
        long batchDuplicates = ranked.where(col("_rank").gt(1)).count();
        Optional<KeyRange> keys = KeyRange.of(winners);

        if (!lake.silverRequests().exists(spark)) {
            lake.silverRequests().create(winners.select(silverColumns()).limit(0));
        }
        long current = lake.silverRequests().version(spark);
        // a retry whose MERGE committed before the attempt died: classify against silver as it was before
        // that commit, so that the counts and touched dates are the first attempt's, not "all duplicates"
        OptionalLong ownCommit = complete ? OptionalLong.empty() : firstCommitOf(spark, lake, runId);
        long baseline = ownCommit.isPresent() ? ownCommit.getAsLong() - 1 : current;
        Dataset<Row> classified = SilverTransform.classify(
                        winners, KeyRange.narrow(keys, lake.silverRequests().readAt(spark, baseline)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> againstCurrent = null;
        try {
            Map<String, Long> byClass = new HashMap<>();
            for (Row row : classified.groupBy(SilverTransform.CLASS).count().collectAsList()) {
                byClass.put(row.getString(0), row.getLong(1));
            }
            long inserted = byClass.getOrDefault(SilverTransform.INSERT, 0L);
            long updated = byClass.getOrDefault(SilverTransform.UPDATE, 0L);
            long duplicates = batchDuplicates + byClass.getOrDefault(SilverTransform.DUPLICATE, 0L);

            Dataset<Row> changes = classified.where(col(SilverTransform.CLASS).notEqual(SilverTransform.DUPLICATE));
            TreeSet<Date> touched = new TreeSet<>(datesOf(changes));
            // what is still to merge: every change, or on a retry only what the committed attempt did not
            // hold (files that landed between the attempts, which bronze took under this run id)
            Dataset<Row> pending = changes;
            long pendingCount = inserted + updated;
            if (ownCommit.isPresent()) {
                againstCurrent = SilverTransform.classify(
                                winners,
                                KeyRange.narrow(keys, lake.silverRequests().readAt(spark, current)))
                        .persist(StorageLevel.MEMORY_AND_DISK());
                pending = againstCurrent.where(col(SilverTransform.CLASS).notEqual(SilverTransform.DUPLICATE));
                pendingCount = pending.count();
                touched.addAll(datesOf(pending));
            }
            touched.addAll(rereadDates(spark, lake, reread, now, runId, current));
            if (pendingCount > 0) {
                merge(spark, lake, runId, pending, keys.orElseThrow());
            }
            if (recordsIn != inserted + updated + duplicates + quarantined) {
                throw new IllegalStateException("silver counts do not add up for run " + runId + ": in " + recordsIn
                        + " != inserted " + inserted + " + updated " + updated + " + duplicates " + duplicates
                        + " + quarantined " + quarantined);
            }
            writeMetrics(
                    spark,
                    lake,
                    new RunMetrics(
                            runId,
                            now,
                            recordsIn,
                            inserted,
                            updated,
                            duplicates,
                            quarantined,
                            new ArrayList<>(touched)));
            System.out.printf(
                    "silver: run %s in=%d inserted=%d updated=%d duplicates=%d quarantined=%d dates=%d%s%n",
                    runId,
                    recordsIn,
                    inserted,
                    updated,
                    duplicates,
                    quarantined,
                    touched.size(),
                    ownCommit.isPresent()
                            ? " (retry of the attempt that merged at version " + ownCommit.getAsLong() + "; "
                                    + pendingCount + " more merged now)"
                            : "");
        } finally {
            if (againstCurrent != null) {
                againstCurrent.unpersist();
            }
            classified.unpersist();
            ranked.unpersist();
        }
    }

    private static Column[] silverColumns() {
        return SilverTransform.SILVER_COLUMNS.stream()
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
    }

    /** The New York dates classified rows touch: each row's date and the date silver held for its key before. */
    private static List<Date> datesOf(Dataset<Row> classified) {
        return classified
                .select(CREATED_DATE_LOCAL)
                .union(classified.select(SilverTransform.OLD_DATE))
                .where(col(CREATED_DATE_LOCAL).isNotNull())
                .distinct()
                .as(Encoders.DATE())
                .collectAsList();
    }

    /**
     * MERGEs the rows by unique_key, with the run id as the commit's user metadata: that is how a retry of
     * this run finds the commit ({@link #firstCommitOf}). The condition holds the batch's key range, so that
     * the MERGE's search for the files its keys are in skips the others by their statistics ({@link KeyRange}).
     */
    private static void merge(SparkSession spark, LakeLayout lake, String runId, Dataset<Row> rows, KeyRange keys) {
        spark.conf().set(USER_METADATA, runId);
        try {
            lake.silverRequests()
                    .delta(spark)
                    .as("t")
                    .merge(rows.select(silverColumns()).as("s"), keys.mergeCondition("t", "s"))
                    .whenMatched()
                    .updateAll()
                    .whenNotMatched()
                    .insertAll()
                    .execute();
        } finally {
            spark.conf().unset(USER_METADATA);
        }
    }

    /** The earliest silver commit of this run among the last {@link #HISTORY_WINDOW}, if an attempt got that far. */
    static OptionalLong firstCommitOf(SparkSession spark, LakeLayout lake, String runId) {
        Row first = lake.silverRequests()
                .delta(spark)
                .history(HISTORY_WINDOW)
                .where(col("userMetadata").equalTo(lit(runId)))
                .agg(org.apache.spark.sql.functions.min("version"))
                .first();
        return first.isNullAt(0) ? OptionalLong.empty() : OptionalLong.of(first.getLong(0));
    }

    /**
     * The dates a batch read again touches (a manual rerun under a new run id): every usable record's date,
     * and every date the runs that first took it touched, so also an update's old date, which silver no
     * longer holds. Those runs are the one whose bronze took the batch and the ones whose MERGE wrote the
     * records silver holds now. Recomputing a gold date from silver is idempotent: a superset costs a
     * little and can never be wrong.
     */
    private static List<Date> rereadDates(
            SparkSession spark, LakeLayout lake, Dataset<Row> reread, Instant now, String runId, long silverVersion) {
        if (reread.isEmpty()) {
            return List.of();
        }
        Dataset<Row> usable = SilverTransform.typed(reread, now, runId)
                .where(col(QUARANTINE_REASON).isNull());
        List<Date> dates = new ArrayList<>(
                usable.select(CREATED_DATE_LOCAL).distinct().as(Encoders.DATE()).collectAsList());
        if (!lake.pipelineMetrics().exists(spark)) {
            return dates;
        }
        Dataset<Row> silver = lake.silverRequests()
                .readAt(spark, silverVersion)
                .select(
                        col(UNIQUE_KEY).as("_s_key"),
                        col(RECORD_HASH).as("_s_hash"),
                        col(RUN_ID).as("_s_run"));
        Dataset<Row> writers = usable.join(
                        silver,
                        col(UNIQUE_KEY)
                                .equalTo(col("_s_key"))
                                .and(col(RECORD_HASH).equalTo(col("_s_hash"))))
                .select(col("_s_run").as("_writer"))
                .union(reread.select(col(BronzeColumns.RUN_ID).as("_writer")))
                .distinct();
        Dataset<Row> metrics = lake.pipelineMetrics().read(spark);
        dates.addAll(metrics.join(writers, col("run_id").equalTo(col("_writer")), "left_semi")
                .select(explode(col("touched_dates")))
                .distinct()
                .as(Encoders.DATE())
                .collectAsList());
        return dates;
    }

    /** Appends the quarantined rows not already there (same record from the same file), returns how many the run had. */
    private static long writeQuarantine(SparkSession spark, LakeLayout lake, Dataset<Row> typed) {
        Dataset<Row> quarantine = SilverTransform.quarantine(typed);
        long count = quarantine.count();
        if (count == 0) {
            return 0;
        }
        Dataset<Row> fresh = quarantine;
        if (lake.silverQuarantine().exists(spark)) {
            Dataset<Row> existing = lake.silverQuarantine().read(spark).select(RECORD_HASH, SOURCE_FILE);
            fresh = quarantine.join(
                    existing,
                    quarantine
                            .col(RECORD_HASH)
                            .equalTo(existing.col(RECORD_HASH))
                            .and(quarantine.col(SOURCE_FILE).equalTo(existing.col(SOURCE_FILE))),
                    "left_anti");
        }
        Dataset<Row> toWrite = fresh.cache();
        try {
            if (!toWrite.isEmpty()) {
                lake.silverQuarantine().append(toWrite);
            }
        } finally {
            toWrite.unpersist();
        }
        return count;
    }

    private static void writeMetrics(SparkSession spark, LakeLayout lake, RunMetrics metrics) {
        Dataset<Row> row = spark.createDataFrame(
                List.of(RowFactory.create(
                        metrics.runId(),
                        Timestamp.from(metrics.finishedAt()),
                        metrics.recordsIn(),
                        metrics.inserted(),
                        metrics.updated(),
                        metrics.duplicates(),
                        metrics.quarantined(),
                        metrics.touchedDates())),
                METRICS_SCHEMA);
        if (!lake.pipelineMetrics().exists(spark)) {
            lake.pipelineMetrics().create(row);
            return;
        }
        lake.pipelineMetrics()
                .delta(spark)
                .as("t")
                .merge(row.as("s"), "t.run_id = s.run_id")
                .whenMatched()
                .updateAll()
                .whenNotMatched()
                .insertAll()
                .execute();
    }

    /** Reads a run's silver counts back, for gold and the run result. */
    public static RunMetrics readMetrics(SparkSession spark, LakeLayout lake, String runId) {
        if (!lake.pipelineMetrics().exists(spark)) {
            throw new IllegalStateException("no pipeline metrics at " + lake.pipelineMetrics() + ": run silver first");
        }
        List<Row> rows = lake.pipelineMetrics()
                .read(spark)
                .where(col("run_id").equalTo(lit(runId)))
                .collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalStateException(
                    "silver has not run for run " + runId + " (no row in " + lake.pipelineMetrics() + ")");
        }
        Row r = rows.get(0);
        return new RunMetrics(
                r.getString(0),
                r.getTimestamp(1).toInstant(),
                r.getLong(2),
                r.getLong(3),
                r.getLong(4),
                r.getLong(5),
                r.getLong(6),
                r.getList(7));
    }

    /** One run's silver counts and the New York dates whose gold rows it changed. */
    public record RunMetrics(
            String runId,
            Instant finishedAt,
            long recordsIn,
            long inserted,
            long updated,
            long duplicates,
            long quarantined,
            List<Date> touchedDates) {

        public RunMetrics {
            touchedDates = List.copyOf(touchedDates);
        }
    }
}
