package org.nyc311.delta.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.nyc311.model.gold.GoldColumns.COMPLAINT_TYPE;
import static org.nyc311.model.gold.GoldColumns.COMPLAINT_TYPE_KEY;
import static org.nyc311.model.gold.GoldColumns.COUNT;
import static org.nyc311.model.gold.GoldColumns.DATE;
import static org.nyc311.model.gold.GoldColumns.FIRST_DATE;
import static org.nyc311.model.gold.GoldColumns.SERIES_ID;

import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nyc311.delta.JobArgs;
import org.nyc311.delta.LakeLayout;
import org.nyc311.delta.LakeTable;
import org.nyc311.delta.Stage;
import org.nyc311.delta.silver.SilverColumns;
import org.nyc311.delta.silver.SilverStage;
import org.nyc311.model.gold.GoldTables;
import org.nyc311.model.gold.extract.GoldExtractManifest;
import org.nyc311.model.pipeline.RunResult;

/**
 * Gold: recomputes {@code daily_requests} for the New York dates the run's silver changes touched
 * (and only those), brings the zero-filled {@code daily_series} up to it by replacing only the rows that
 * can have changed (see {@link #refreshSeries}), rewrites the small catalog, and
 * leaves {@code _pipeline_runs/<runId>/result.json} for pipeline-controller. A run that touched no
 * date writes no table version.
 *
 * <p>Options: {@code --gold-retention-days N} (default 0: keep all history), {@code --min-history-days}
 * (28), {@code --min-mean-count} (0.5) and {@code --forecastable-window-days} (90: the mean is taken over
 * gold's newest days) for the catalog's forecastable flag.
 */
public final class GoldStage implements Stage {

    // each name a compile-time constant, copied in by javac: shared-model is not on the job's run-time classpath
    public static final List<String> TABLES =
            List.of(GoldTables.DAILY_REQUESTS, GoldTables.DAILY_SERIES, GoldTables.SERIES_CATALOG);

    @Override
    public void checkArgs(JobArgs args) {
        if (args.getInt("forecastable-window-days", 90) < 1) {
            throw new IllegalArgumentException("--forecastable-window-days must be at least 1 day, was "
                    + args.get("forecastable-window-days", ""));
        }
        if (args.getInt("min-history-days", 28) < 1) {
            throw new IllegalArgumentException(
                    "--min-history-days must be at least 1, was " + args.get("min-history-days", ""));
        }
        if (args.getInt("gold-retention-days", 0) < 0) {
            throw new IllegalArgumentException("--gold-retention-days must not be negative (0 keeps everything), was "
                    + args.get("gold-retention-days", ""));
        }
        double minMean;
        try {
            minMean = Double.parseDouble(args.get("min-mean-count", "0.5"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--min-mean-count must be a number, was " + args.get("min-mean-count", ""), e);
        }
        if (!(minMean >= 0) || Double.isInfinite(minMean)) {
            throw new IllegalArgumentException("--min-mean-count must be finite and >= 0, was " + minMean);
        }
    }

    @Override
    public void run(SparkSession spark, JobArgs args) throws Exception {
        checkArgs(args);
        LakeLayout lake = LakeLayout.from(args);
        String runId = args.required("run-id");
        int retentionDays = args.getInt("gold-retention-days", 0);
        SilverStage.RunMetrics metrics = SilverStage.readMetrics(spark, lake, runId);
        Dataset<Row> silver = lake.silverRequests().read(spark);

        Map<String, Long> written = new LinkedHashMap<>();
        TABLES.forEach(t -> written.put(t, 0L));
        List<Date> touched = metrics.touchedDates();
        boolean missing = !lake.goldDailyRequests().exists(spark);
        Map<LocalDate, Long> requestsPerDate = new TreeMap<>();
        if (!touched.isEmpty() || missing) {
            Dataset<Row> displays = GoldTransform.displayByKey(silver).cache();
            try {
                Dataset<Row> scope = missing
                        ? silver
                        : silver.where(expr(
                                SilverColumns.CREATED_DATE_LOCAL + " IN (" + GoldTransform.dateList(touched) + ")"));
                Dataset<Row> daily =
                        GoldTransform.dailyRequests(scope, displays).cache();
                try {
                    // one pass over the cached rows gives both the rows written and the citywide total per date
                    List<Row> perDate =
                            daily.groupBy(DATE).agg(sum(COUNT), count(lit(1))).collectAsList();
                    written.put(
                            GoldTables.DAILY_REQUESTS,
                            perDate.stream().mapToLong(row -> row.getLong(2)).sum());
                    requestsPerDate.putAll(requestsPerDate(perDate, missing ? List.of() : touched));
                    if (missing) {
                        lake.goldDailyRequests().create(daily);
                    } else {
                        lake.goldDailyRequests()
                                .replaceWhere(daily, DATE + " IN (" + GoldTransform.dateList(touched) + ")");
                    }
                } finally {
                    daily.unpersist();
                }
                respell(spark, lake, displays);
                boolean trimmed = applyRetention(spark, lake, retentionDays);
                Dataset<Row> allDaily = lake.goldDailyRequests().read(spark);
                written.put(GoldTables.DAILY_SERIES, refreshSeries(spark, lake, allDaily, touched, missing || trimmed));
                Dataset<Row> series = lake.goldDailySeries().read(spark);
                written.put(
                        GoldTables.SERIES_CATALOG,
                        overwrite(
                                GoldTransform.seriesCatalog(
                                        series,
                                        args.getInt("min-history-days", 28),
                                        Double.parseDouble(args.get("min-mean-count", "0.5")),
                                        args.getInt("forecastable-window-days", 90)),
                                lake.goldSeriesCatalog()));
            } finally {
                displays.unpersist();
            }
        }

        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put(GoldTables.DAILY_REQUESTS, lake.goldDailyRequests().version(spark));
        versions.put(GoldTables.DAILY_SERIES, lake.goldDailySeries().version(spark));
        versions.put(GoldTables.SERIES_CATALOG, lake.goldSeriesCatalog().version(spark));
        // before the result: a run the controller sees succeed has its extract in place for the services
        String extract = "none (gold has no tables yet)";
        if (versions.get(GoldTables.DAILY_SERIES) >= 0 && versions.get(GoldTables.SERIES_CATALOG) >= 0) {
            GoldExtractManifest manifest = GoldExtractWriter.write(
                    spark, lake, versions.get(GoldTables.DAILY_SERIES), versions.get(GoldTables.SERIES_CATALOG));
            extract = manifest.dailySeries() + " (" + manifest.dailySeriesRows() + " rows), " + manifest.seriesCatalog()
                    + " (" + manifest.seriesCatalogRows() + " rows)";
        }
        Row newest = silver.agg(max(SilverColumns.CREATED_AT), max(SilverColumns.CREATED_DATE_LOCAL))
                .first();
        RunResult result = new RunResult(
                runId,
                versions,
                newest.isNullAt(1) ? null : newest.getDate(1).toLocalDate().minusDays(1),
                newest.isNullAt(0) ? null : newest.getTimestamp(0).toInstant(),
                written,
                RunResultFile.silver(metrics),
                requestsPerDate);
        RunResultFile.write(spark, lake.runResult(runId), result);
        System.out.println("gold: run " + runId + " touched " + touched.size() + " dates, wrote " + written
                + ", result " + lake.runResult(runId) + ", extract " + extract);
    }

    /**
     * Requests citywide per date, from the per-date aggregate of the rows being written (date, requests, rows). A
     * touched date left with no rows counts 0: the feed's records for it are gone, which is what the controller must
     * hear.
     */
    private static Map<LocalDate, Long> requestsPerDate(List<Row> perDate, List<Date> touched) {
        Map<LocalDate, Long> requests = new TreeMap<>();
        touched.forEach(date -> requests.put(date.toLocalDate(), 0L));
        for (Row row : perDate) {
            requests.put(row.getDate(0).toLocalDate(), row.getLong(1));
        }
        return requests;
    }

    /** Full overwrite of a derived table (computed from a cached frame); returns the rows written. */
    private static long overwrite(Dataset<Row> frame, LakeTable table) {
        table.replace(frame);
        return table.read(frame.sparkSession()).count();
    }

    /**
     * With a retention of N days, daily_requests keeps the N newest days; 0 keeps everything. Returns
     * whether days were deleted: then every series' span starts later, and the series are rebuilt whole.
     */
    private static boolean applyRetention(SparkSession spark, LakeLayout lake, int retentionDays) {
        if (retentionDays <= 0) {
            return false;
        }
        Row newest = lake.goldDailyRequests().read(spark).agg(max(DATE)).first();
        if (newest.isNullAt(0)) {
            return false;
        }
        LocalDate cutoff = newest.getDate(0).toLocalDate().minusDays(retentionDays - 1L);
        DeltaTable table = lake.goldDailyRequests().delta(spark);
        if (table.toDF().where(col(DATE).lt(Date.valueOf(cutoff))).isEmpty()) {
            return false;
        }
        table.delete(col(DATE).lt(Date.valueOf(cutoff)));
        return true;
    }

    /**
     * Gives every row of daily_requests its type's current display form. The run's own dates were written
     * with it; older dates keep the spelling that led when they were written, and when the lead changes
     * (a spelling that overtakes another) those rows are renamed here, so that a type has one name
     * everywhere (their series follow in {@link #refreshSeries}). Reads two columns.
     */
    private static void respell(SparkSession spark, LakeLayout lake, Dataset<Row> displays) {
        DeltaTable table = lake.goldDailyRequests().delta(spark);
        List<Row> stale = table.toDF()
                .select(COMPLAINT_TYPE_KEY, COMPLAINT_TYPE)
                .distinct()
                .join(displays.withColumnRenamed(COMPLAINT_TYPE, "_display"), COMPLAINT_TYPE_KEY)
                .where(col(COMPLAINT_TYPE).notEqual(col("_display")))
                .select(COMPLAINT_TYPE_KEY, "_display")
                .distinct()
                .collectAsList();
        for (Row row : stale) {
            table.update(
                    col(COMPLAINT_TYPE_KEY).equalTo(row.getString(0)), Map.of(COMPLAINT_TYPE, lit(row.getString(1))));
        }
    }

    /**
     * Brings daily_series up to daily_requests, and returns the rows written. A rebuild writes every series
     * laid out by date. Otherwise only the rows that can differ are replaced, so that a daily batch costs
     * its own days, not the history: the dates the run touched and the new days since the table's newest
     * (every series gets its zero), plus every row of a series whose span starts elsewhere than before (a
     * new series, a late record earlier than its first, its first records moved away, a series gone) or
     * whose type's display name changed. The catalog, written after the series, holds the spans and names to
     * compare with: if a run died between the two, its retry finds the same differences and writes the same
     * rows again, and any row the predicate leaves alone is unchanged by construction.
     */
    private static long refreshSeries(
            SparkSession spark, LakeLayout lake, Dataset<Row> allDaily, List<Date> touched, boolean rebuild) {
        Row lastRow = allDaily.agg(max(DATE)).first();
        boolean rebuildAll = rebuild
                || lastRow.isNullAt(0)
                || !lake.goldDailySeries().exists(spark)
                || !lake.goldSeriesCatalog().exists(spark);
        if (rebuildAll) {
            Dataset<Row> series = GoldTransform.dailySeries(allDaily);
            return overwrite(
                    series.repartitionByRange(col(DATE)).sortWithinPartitions(DATE, SERIES_ID), lake.goldDailySeries());
        }
        Date last = lastRow.getDate(0);
        Dataset<Row> stored = lake.goldDailySeries().read(spark);
        Row storedLast = stored.agg(max(DATE)).first();
        if (storedLast.isNullAt(0) || storedLast.getDate(0).after(last)) {
            return refreshSeries(spark, lake, allDaily, touched, true);
        }
        Set<Date> dates = new TreeSet<>(touched);
        for (LocalDate day = storedLast.getDate(0).toLocalDate().plusDays(1);
                !day.isAfter(last.toLocalDate());
                day = day.plusDays(1)) {
            dates.add(Date.valueOf(day));
        }
        Dataset<Row> counts = GoldTransform.seriesCounts(allDaily).cache();
        try {
            Dataset<Row> before = lake.goldSeriesCatalog()
                    .read(spark)
                    .select(
                            col(SERIES_ID),
                            col(FIRST_DATE).as("_first_before"),
                            col(COMPLAINT_TYPE).as("_name_before"));
            Set<String> moved = new TreeSet<>(GoldTransform.firstDates(counts)
                    .join(before, new String[] {SERIES_ID}, "full_outer")
                    .where(not(col(FIRST_DATE).eqNullSafe(col("_first_before")))
                            .or(not(col(COMPLAINT_TYPE).eqNullSafe(col("_name_before")))))
                    .select(SERIES_ID)
                    .as(Encoders.STRING())
                    .collectAsList());
            String predicate = DATE + " IN (" + GoldTransform.dateList(dates) + ")"
                    + (moved.isEmpty() ? "" : " OR " + SERIES_ID + " IN (" + GoldTransform.textList(moved) + ")");
            Dataset<Row> changed = GoldTransform.zeroFilled(counts, last)
                    .where(expr(predicate))
                    .repartitionByRange(col(DATE))
                    .sortWithinPartitions(DATE, SERIES_ID)
                    .cache();
            try {
                long rows = changed.count();
                lake.goldDailySeries().replaceWhere(changed, predicate);
                System.out.println("gold: daily_series replaced " + rows + " rows (" + dates.size() + " dates, and "
                        + moved.size() + " series whose span or name changed)");
                return rows;
            } finally {
                changed.unpersist();
            }
        } finally {
            counts.unpersist();
        }
    }
}
