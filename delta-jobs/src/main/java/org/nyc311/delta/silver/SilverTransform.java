package org.nyc311.delta.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.nyc311.delta.silver.SilverColumns.*;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.nyc311.delta.bronze.BronzeColumns;

/**
 * Pure transformations from bronze rows to silver rows; each a function a test can call on a small frame.
 */
public final class SilverTransform {

    /** Bounding box of New York City (a little generous, so that shoreline points stay). */
    static final double MIN_LAT = 40.47;

    static final double MAX_LAT = 40.93;
    static final double MIN_LON = -74.27;
    static final double MAX_LON = -73.68;

    static final String CLASS = "_class";
    static final String INSERT = "insert";
    static final String UPDATE = "update";
    static final String DUPLICATE = "duplicate";
    static final String OLD_DATE = "_old_created_date_local";

    public static final List<String> SILVER_COLUMNS = List.of(
            UNIQUE_KEY,
            CREATED_AT,
            CREATED_DATE_LOCAL,
            CLOSED_AT,
            CLOSED_DATE_LOCAL,
            SOURCE_UPDATED_AT,
            AGENCY,
            "agency_name",
            COMPLAINT_TYPE,
            COMPLAINT_TYPE_KEY,
            COMPLAINT_TYPE_RAW,
            "descriptor",
            "location_type",
            "incident_zip",
            "city",
            "status",
            BOROUGH,
            BOROUGH_KEY,
            BOROUGH_RAW,
            LATITUDE,
            LONGITUDE,
            COORDS_OUTSIDE_NYC,
            CLOSED_BEFORE_CREATED,
            RECORD_HASH,
            INGESTED_AT,
            SOURCE_FILE,
            RUN_ID);

    private SilverTransform() {}

    public static void registerFunctions(SparkSession spark) {
        spark.udf()
                .register(
                        ComplaintTypeDisplay.UDF_NAME,
                        (org.apache.spark.sql.api.java.UDF1<String, String>) ComplaintTypeDisplay::of,
                        DataTypes.StringType);
    }

    /** Java's String.trim(): every char up to U+0020 at either end (Spark's trim takes only spaces). */
    static String javaTrim(String column) {
        return "regexp_replace(" + column + ", '^[\\\\x00-\\\\x20]+|[\\\\x00-\\\\x20]+$', '')";
    }

    /** A floating New York timestamp ({@code 2026-04-11T23:28:40.000}) as New York wall-clock time, or null. */
    static String localTimestamp(String column) {
        return "coalesce(try_to_timestamp(" + column + ", \"yyyy-MM-dd'T'HH:mm:ss.SSS\"), " + "try_to_timestamp("
                + column + ", \"yyyy-MM-dd'T'HH:mm:ss\"))";
    }

    /** The grouping key of shared-model's {@code ComplaintType.keyOf}: lower case, other runs one '-'. */
    public static Column complaintTypeKey(Column raw) {
        Column dashed = regexp_replace(lower(raw), "[^a-z0-9]+", "-");
        return regexp_replace(dashed, "^-+|-+$", "");
    }

    /** Java's String.trim() on a column. */
    static Column javaTrim(Column raw) {
        return regexp_replace(raw, "^[\\x00-\\x20]+|[\\x00-\\x20]+$", "");
    }

    /** shared-model's {@code Borough.fromSource(..).name()}: one of the five boroughs, else UNSPECIFIED. */
    public static Column borough(Column raw) {
        Column normalised = regexp_replace(upper(javaTrim(raw)), "[\\s_-]+", "_");
        return when(normalised.isin("BRONX", "BROOKLYN", "MANHATTAN", "QUEENS", "STATEN_ISLAND"), normalised)
                .otherwise(lit("UNSPECIFIED"));
    }

    /**
     * Bronze rows to typed rows, each with its quarantine reason (null when usable).
     *
     * @param now the run's clock: a request created after it is in the future
     */
    public static Dataset<Row> typed(Dataset<Row> bronze, Instant now, String runId) {
        String sourceJson = "to_json(struct("
                + BronzeColumns.SOURCE_FIELDS.stream().map(f -> "`" + f + "`").collect(Collectors.joining(", "))
                + ", soda_id, soda_created_at, soda_updated_at, _rescued_data))";
        Dataset<Row> typed = bronze.withColumn("_uk", expr("nullif(" + javaTrim("unique_key") + ", '')"))
                .withColumn("_created_local", expr(localTimestamp("created_date")))
                .withColumn("_closed_local", expr(localTimestamp("closed_date")))
                .withColumn("_ct", expr("regexp_replace(" + javaTrim("complaint_type") + ", '\\\\s+', ' ')"))
                .withColumn("_lat", expr("try_cast(latitude as double)"))
                .withColumn("_lon", expr("try_cast(longitude as double)"))
                .withColumn(RAW_RECORD, expr(sourceJson));
        Column inside = col("_lat").between(MIN_LAT, MAX_LAT).and(col("_lon").between(MIN_LON, MAX_LON));
        Column createdAt = expr("to_utc_timestamp(_created_local, 'America/New_York')");
        Column closedAt = expr("to_utc_timestamp(_closed_local, 'America/New_York')");
        Column key = complaintTypeKey(col("_ct"));
        Column reason = when(col("_uk").isNull(), lit(REASON_NO_UNIQUE_KEY))
                .when(col("_created_local").isNull(), lit(REASON_UNPARSEABLE_CREATED))
                .when(createdAt.gt(lit(java.sql.Timestamp.from(now))), lit(REASON_CREATED_IN_FUTURE))
                .when(key.equalTo(""), lit(REASON_NO_COMPLAINT_TYPE));
        Column borough = borough(col("borough"));
        return typed.select(
                col("_uk").as(UNIQUE_KEY),
                createdAt.as(CREATED_AT),
                expr("to_date(_created_local)").as(CREATED_DATE_LOCAL),
                closedAt.as(CLOSED_AT),
                expr("to_date(_closed_local)").as(CLOSED_DATE_LOCAL),
                expr("try_cast(soda_updated_at as timestamp)").as(SOURCE_UPDATED_AT),
                expr(javaTrim("agency")).as(AGENCY),
                col("agency_name"),
                expr(ComplaintTypeDisplay.UDF_NAME + "(_ct)").as(COMPLAINT_TYPE),
                key.as(COMPLAINT_TYPE_KEY),
                col("complaint_type").as(COMPLAINT_TYPE_RAW),
                col("descriptor"),
                col("location_type"),
                col("incident_zip"),
                col("city"),
                col("status"),
                borough.as(BOROUGH),
                lower(regexp_replace(borough, "_", "-")).as(BOROUGH_KEY),
                col("borough").as(BOROUGH_RAW),
                when(inside, col("_lat")).as(LATITUDE),
                when(inside, col("_lon")).as(LONGITUDE),
                col("_lat")
                        .isNotNull()
                        .and(col("_lon").isNotNull())
                        .and(not(inside))
                        .as(COORDS_OUTSIDE_NYC),
                coalesce(closedAt.lt(createdAt), lit(false)).as(CLOSED_BEFORE_CREATED),
                expr("sha2(" + RAW_RECORD + ", 256)").as(RECORD_HASH),
                col(BronzeColumns.INGESTED_AT).as(INGESTED_AT),
                col(BronzeColumns.SOURCE_FILE).as(SOURCE_FILE),
                lit(runId).as(RUN_ID),
                col(RAW_RECORD),
                reason.as(QUARANTINE_REASON));
    }

    /** Quarantined rows as the quarantine table keeps them: the reason and the record as it came. */
    public static Dataset<Row> quarantine(Dataset<Row> typed) {
        return typed.where(col(QUARANTINE_REASON).isNotNull())
                .select(
                        col(QUARANTINE_REASON),
                        col(UNIQUE_KEY),
                        col(RAW_RECORD),
                        col(RECORD_HASH),
                        col(SOURCE_FILE),
                        col(INGESTED_AT),
                        col(RUN_ID));
    }

    /**
     * The usable rows, one per unique_key: the latest {@code :updated_at} wins, then the later ingestion
     * (then the later file). Returns every usable row with {@code _rank}; rank 1 is the winner.
     *
     * <p>The raw record (about half of a row's bytes) is dropped before the window's shuffle: only the
     * quarantine keeps it, and the hash already stands for it.
     */
    public static Dataset<Row> ranked(Dataset<Row> typed) {
        return typed.where(col(QUARANTINE_REASON).isNull())
                .drop(RAW_RECORD, QUARANTINE_REASON)
                .withColumn(
                        "_rank",
                        row_number()
                                .over(Window.partitionBy(UNIQUE_KEY)
                                        .orderBy(
                                                col(SOURCE_UPDATED_AT).desc_nulls_last(),
                                                col(INGESTED_AT).desc(),
                                                col(SOURCE_FILE).desc(),
                                                col(RECORD_HASH).desc())));
    }

    /**
     * Classifies each batch winner against the current silver row: {@code insert} (new key),
     * {@code update} (newer than what silver holds) or {@code duplicate} (not newer, or the same record again).
     */
    public static Dataset<Row> classify(Dataset<Row> winners, Dataset<Row> current) {
        Dataset<Row> t = current.select(
                col(UNIQUE_KEY).as("_t_key"),
                col(SOURCE_UPDATED_AT).as("_t_updated"),
                col(INGESTED_AT).as("_t_ingested"),
                col(SOURCE_FILE).as("_t_file"),
                col(RECORD_HASH).as("_t_hash"),
                col(CREATED_DATE_LOCAL).as(OLD_DATE));
        Dataset<Row> joined = winners.join(t, col(UNIQUE_KEY).equalTo(col("_t_key")), "left");
        Column newer = expr("case "
                + "when _t_updated is not null and " + SOURCE_UPDATED_AT + " is not null and " + SOURCE_UPDATED_AT
                + " <> _t_updated then " + SOURCE_UPDATED_AT + " > _t_updated "
                + "when _t_updated is null and " + SOURCE_UPDATED_AT + " is not null then true "
                + "when _t_updated is not null and " + SOURCE_UPDATED_AT + " is null then false "
                + "when " + RECORD_HASH + " = _t_hash then false "
                + "else (" + INGESTED_AT + " > _t_ingested or (" + INGESTED_AT + " = _t_ingested and " + SOURCE_FILE
                + " > _t_file)) end");
        return joined.withColumn(
                        CLASS,
                        when(col("_t_key").isNull(), lit(INSERT))
                                .when(newer, lit(UPDATE))
                                .otherwise(lit(DUPLICATE)))
                .drop("_t_key", "_t_updated", "_t_ingested", "_t_file", "_t_hash");
    }
}
