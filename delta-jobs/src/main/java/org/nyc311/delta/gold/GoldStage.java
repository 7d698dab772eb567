package org.nyc311.delta.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.nyc311.model.gold.GoldColumns.DATE;


import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nyc311.delta.DeltaTables;
import org.nyc311.delta.JobArgs;
import org.nyc311.delta.LakeLayout;
import org.nyc311.delta.Stage;
import org.nyc311.delta.silver.SilverColumns;
import org.nyc311.delta.silver.SilverStage;
import org.nyc311.model.gold.GoldTables;

/**
 * Gold: recomputes {@code daily_requests} for the New York dates the run's silver changes touched
 * (and only those), then rebuilds the zero-filled series and the catalog from it, and
 * leaves {@code _pipeline_runs/<runId>/result.json} for pipeline-controller. A run that touched no
 * date writes no table version.
 *
 * <p>Options: {@code --gold-retention-days N} (default 0: keep all history), {@code --min-history-days}
 * (28), {@code --min-mean-count} (0.5) and {@code --forecastable-window-days} (90: the mean is taken over
 * gold's newest days) for the catalog's forecastable flag.
 */
public final class GoldStage implements Stage {

    // each name a compile-time constant, copied in by javac: shared-model is not on the job's run-time classpath
    public static final List<String> TABLES = List.of(GoldTables.DAILY_REQUESTS, GoldTables.DAILY_SERIES, GoldTables.SERIES_CATALOG);

    @Override
    public void run(SparkSession spark, JobArgs args) throws Exception {
        LakeLayout lake = LakeLayout.from(args);
        String runId = args.required("run-id");
        int retentionDays = args.getInt("gold-retention-days", 0);
        SilverStage.RunMetrics metrics = SilverStage.readMetrics(spark, lake, runId);
        Dataset<Row> silver = spark.read().format("delta").load(lake.silverRequests());

        Map<String, Long> written = new LinkedHashMap<>();
        TABLES.forEach(t -> written.put(t, 0L));
        List<Date> touched = metrics.touchedDates();
        boolean missing = !DeltaTables.exists(spark, lake.goldDailyRequests());
        if (!touched.isEmpty() || missing) {
            Dataset<Row> displays = GoldTransform.displayByKey(silver);
            Dataset<Row> scope = missing ? silver
                    : silver.where(expr(SilverColumns.CREATED_DATE_LOCAL + " IN (" + GoldTransform.dateList(touched) + ")"));
            Dataset<Row> daily = GoldTransform.dailyRequests(scope, displays).cache();
            try {
                written.put(GoldTables.DAILY_REQUESTS, daily.count());
                if (missing) {
                    daily.write().format("delta").save(lake.goldDailyRequests());
                } else {
                    daily.write().format("delta").mode("overwrite")
                            .option("replaceWhere", DATE + " IN (" + GoldTransform.dateList(touched) + ")")
                            .save(lake.goldDailyRequests());
                }
            } finally {
                daily.unpersist();
            }
            applyRetention(spark, lake, retentionDays);
            Dataset<Row> allDaily = spark.read().format("delta").load(lake.goldDailyRequests());
            Dataset<Row> series = GoldTransform.dailySeries(allDaily).cache();
            try {
                written.put(GoldTables.DAILY_SERIES, overwrite(series, lake.goldDailySeries()));
                written.put(GoldTables.SERIES_CATALOG, overwrite(GoldTransform.seriesCatalog(series,
                        args.getInt("min-history-days", 28), Double.parseDouble(args.get("min-mean-count", "0.5")),
                        args.getInt("forecastable-window-days", 90)),
                        lake.goldSeriesCatalog()));
            } finally {
                series.unpersist();
            }
        }

        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put(GoldTables.DAILY_REQUESTS, DeltaTables.version(spark, lake.goldDailyRequests()));
        versions.put(GoldTables.DAILY_SERIES, DeltaTables.version(spark, lake.goldDailySeries()));
        versions.put(GoldTables.SERIES_CATALOG, DeltaTables.version(spark, lake.goldSeriesCatalog()));
        Row newest = silver.agg(max(SilverColumns.CREATED_AT), max(SilverColumns.CREATED_DATE_LOCAL)).first();
        RunResult result = new RunResult(runId, versions,
                newest.isNullAt(1) ? null : newest.getDate(1).toLocalDate().minusDays(1),
                newest.isNullAt(0) ? null : newest.getTimestamp(0).toInstant(),
                written, metrics);
        RunResult.write(spark, lake.runResult(runId), result);
        System.out.println("gold: run " + runId + " touched " + touched.size() + " dates, wrote " + written
                + ", result " + lake.runResult(runId));
    }

    /** Full overwrite of a derived table (computed from a cached frame); returns the rows written. */
    private static long overwrite(Dataset<Row> frame, String path) {
        frame.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path);
        return spark(frame).read().format("delta").load(path).count();
    }

    private static SparkSession spark(Dataset<Row> frame) {
        return frame.sparkSession();
    }

    /** With a retention of N days, daily_requests keeps the N newest days; 0 keeps everything. */
    private static void applyRetention(SparkSession spark, LakeLayout lake, int retentionDays) {
        if (retentionDays <= 0) {
            return;
        }
        Row newest = spark.read().format("delta").load(lake.goldDailyRequests()).agg(max(DATE)).first();
        if (newest.isNullAt(0)) {
            return;
        }
        LocalDate cutoff = newest.getDate(0).toLocalDate().minusDays(retentionDays - 1L);
        DeltaTable table = DeltaTable.forPath(spark, lake.goldDailyRequests());
        if (!table.toDF().where(col(DATE).lt(Date.valueOf(cutoff))).isEmpty()) {
            table.delete(col(DATE).lt(Date.valueOf(cutoff)));
        }
    }
}
