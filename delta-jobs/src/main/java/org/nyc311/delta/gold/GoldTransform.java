package org.nyc311.delta.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.nyc311.model.gold.GoldColumns.*;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.nyc311.delta.silver.SilverColumns;

/** Pure transformations from silver to the gold tables. */
public final class GoldTransform {

    private GoldTransform() {}

    /**
     * One display form per complaint type key: the most frequent spelling in silver (ties: the first
     * alphabetically), so that {@code PAINT/PLASTER} and {@code Paint/Plaster} show as one type.
     */
    public static Dataset<Row> displayByKey(Dataset<Row> silver) {
        Dataset<Row> spellings = silver.groupBy(SilverColumns.COMPLAINT_TYPE_KEY, SilverColumns.COMPLAINT_TYPE)
                .count();
        return spellings
                .withColumn(
                        "_r",
                        org.apache
                                .spark
                                .sql
                                .functions
                                .row_number()
                                .over(Window.partitionBy(SilverColumns.COMPLAINT_TYPE_KEY)
                                        .orderBy(
                                                col("count").desc(),
                                                col(SilverColumns.COMPLAINT_TYPE)
                                                        .asc())))
                .where(col("_r").equalTo(1))
                .select(
                        col(SilverColumns.COMPLAINT_TYPE_KEY).as(COMPLAINT_TYPE_KEY),
                        col(SilverColumns.COMPLAINT_TYPE).as(COMPLAINT_TYPE));
    }

    /** Requests per New York local date, complaint type, borough and agency. */
    public static Dataset<Row> dailyRequests(Dataset<Row> silver, Dataset<Row> displays) {
        return silver.groupBy(
                        col(SilverColumns.CREATED_DATE_LOCAL).as(DATE),
                        col(SilverColumns.COMPLAINT_TYPE_KEY).as(COMPLAINT_TYPE_KEY),
                        col(SilverColumns.BOROUGH).as(BOROUGH),
                        col(SilverColumns.BOROUGH_KEY).as(BOROUGH_KEY),
                        coalesce(col(SilverColumns.AGENCY), lit("")).as(AGENCY))
                .agg(count(lit(1)).as(COUNT))
                .join(displays, COMPLAINT_TYPE_KEY)
                .select(DATE, COMPLAINT_TYPE_KEY, COMPLAINT_TYPE, BOROUGH, BOROUGH_KEY, AGENCY, COUNT);
    }

    /**
     * Every series of the catalog, one row per day from its first day to the newest day in gold, zero
     * where nothing was requested: complaint type x borough, each borough's total, the citywide total.
     */
    public static Dataset<Row> dailySeries(Dataset<Row> dailyRequests) {
        Row lastRow = dailyRequests.agg(max(DATE)).first();
        Dataset<Row> counts = seriesCounts(dailyRequests);
        return lastRow.isNullAt(0) ? counts.limit(0) : zeroFilled(counts, lastRow.getDate(0));
    }

    /** The requests of each series on the days it has any, at the three levels of the catalog. */
    public static Dataset<Row> seriesCounts(Dataset<Row> dailyRequests) {
        Dataset<Row> base = dailyRequests
                .groupBy(DATE, COMPLAINT_TYPE_KEY, COMPLAINT_TYPE, BOROUGH_KEY)
                .agg(sum(COUNT).as(COUNT));
        Dataset<Row> typeBorough = base.select(
                concat(col(COMPLAINT_TYPE_KEY), lit("/"), col(BOROUGH_KEY)).as(SERIES_ID),
                lit("complaint_type_borough").as(LEVEL),
                col(COMPLAINT_TYPE_KEY),
                col(COMPLAINT_TYPE),
                col(BOROUGH_KEY),
                col(DATE),
                col(COUNT));
        Dataset<Row> borough = base.groupBy(BOROUGH_KEY, DATE)
                .agg(sum(COUNT).as(COUNT))
                .select(
                        concat(lit(ALL + "/"), col(BOROUGH_KEY)).as(SERIES_ID),
                        lit("borough").as(LEVEL),
                        lit(ALL).as(COMPLAINT_TYPE_KEY),
                        lit("All").as(COMPLAINT_TYPE),
                        col(BOROUGH_KEY),
                        col(DATE),
                        col(COUNT));
        Dataset<Row> citywide = base.groupBy(DATE)
                .agg(sum(COUNT).as(COUNT))
                .select(
                        lit(ALL + "/" + ALL).as(SERIES_ID),
                        lit("citywide").as(LEVEL),
                        lit(ALL).as(COMPLAINT_TYPE_KEY),
                        lit("All").as(COMPLAINT_TYPE),
                        lit(ALL).as(BOROUGH_KEY),
                        col(DATE),
                        col(COUNT));
        return typeBorough.unionByName(borough).unionByName(citywide);
    }

    /** Each series' display name and first day with requests: where its zero-filled span begins. */
    public static Dataset<Row> firstDates(Dataset<Row> seriesCounts) {
        return seriesCounts.groupBy(SERIES_ID, COMPLAINT_TYPE).agg(min(DATE).as(FIRST_DATE));
    }

    /** The counts of {@link #seriesCounts} with a zero on every day of a series' span that has none, up to {@code last}. */
    public static Dataset<Row> zeroFilled(Dataset<Row> seriesCounts, Date last) {
        Dataset<Row> spans = seriesCounts
                .groupBy(SERIES_ID, LEVEL, COMPLAINT_TYPE_KEY, COMPLAINT_TYPE, BOROUGH_KEY)
                .agg(min(DATE).as(FIRST_DATE))
                .withColumn(DATE, expr("explode(sequence(" + FIRST_DATE + ", date'" + last + "', interval 1 day))"));
        return spans.join(seriesCounts.select(SERIES_ID, DATE, COUNT), new String[] {SERIES_ID, DATE}, "left")
                .select(
                        col(SERIES_ID),
                        col(LEVEL),
                        col(COMPLAINT_TYPE_KEY),
                        col(COMPLAINT_TYPE),
                        col(BOROUGH_KEY),
                        col(DATE),
                        coalesce(col(COUNT), lit(0L)).as(COUNT));
    }

    /**
     * One row per series: its span, mean daily volume, and whether it has history enough to forecast. The
     * volume that decides "forecastable" is the mean over the last {@code recentDays} days of gold (a
     * series younger than that: over its days), not over its whole life: a complaint type the city retired
     * years ago keeps a large lifetime mean, and fitting it every day would forecast zeros at full cost.
     */
    public static Dataset<Row> seriesCatalog(
            Dataset<Row> dailySeries, int minHistoryDays, double minMeanCount, int recentDays) {
        Row lastRow = dailySeries.agg(max(DATE)).first();
        Date recentFrom = lastRow.isNullAt(0)
                ? Date.valueOf(LocalDate.EPOCH)
                : Date.valueOf(lastRow.getDate(0).toLocalDate().minusDays(recentDays - 1L));
        return dailySeries
                .groupBy(SERIES_ID, LEVEL, COMPLAINT_TYPE_KEY, COMPLAINT_TYPE, BOROUGH_KEY)
                .agg(
                        min(DATE).as(FIRST_DATE),
                        max(DATE).as(LAST_DATE),
                        max(when(col(COUNT).gt(0), col(DATE))).as(LAST_NONZERO_DATE),
                        avg(COUNT).as(MEAN_COUNT),
                        count(lit(1)).as(DAYS),
                        coalesce(avg(when(col(DATE).geq(lit(recentFrom)), col(COUNT))), lit(0.0))
                                .as("_recent_mean"))
                .withColumn(
                        FORECASTABLE,
                        col(DAYS).geq(minHistoryDays).and(col("_recent_mean").geq(minMeanCount)))
                .drop("_recent_mean");
    }

    static String dateList(java.util.Collection<Date> dates) {
        return String.join(", ", dates.stream().map(d -> "date'" + d + "'").toList());
    }

    /** A SQL list of string literals (series ids and type keys are slugs; quotes are doubled all the same). */
    static String textList(java.util.Collection<String> values) {
        return String.join(
                ", ", values.stream().map(v -> "'" + v.replace("'", "''") + "'").toList());
    }

    static LocalDate toLocal(Date date) {
        return date.toLocalDate();
    }
}
