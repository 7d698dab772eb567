package org.nyc311.delta.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Raw NDJSON lines to bronze rows. The lines are read as text and parsed here rather than by a JSON
 * source, so that Auto Loader and the local file source give the same columns and the same rescued
 * data: Spark's own JSON reader would drop unknown fields silently.
 */
public final class BronzeTransform {

    private BronzeTransform() {}

    /**
     * @param lines one row per raw line: {@code value} (the line) and {@code _source_file}
     */
    public static Dataset<Row> toBronze(Dataset<Row> lines, String runId) {
        List<String> known = new ArrayList<>(BronzeColumns.SOURCE_FIELDS);
        BronzeColumns.SYSTEM_FIELDS.forEach(f -> known.add(f[0]));
        // a map of strings reads nested objects (location) as their JSON text: every value a string
        Dataset<Row> parsed = lines.withColumn("_fields", expr("from_json(value, 'map<string,string>')"));
        String knownList = known.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "));
        Column rescued = expr("case when _fields is null then value "
                + "when size(map_filter(_fields, (k, v) -> not array_contains(array(" + knownList
                + "), k))) = 0 then null "
                + "else to_json(map_filter(_fields, (k, v) -> not array_contains(array(" + knownList + "), k))) end");
        // intake columns first: Delta keeps min/max statistics for the first 32 columns only, and silver
        // selects a run's rows by _run_id, so those statistics let it skip every other run's files
        List<Column> columns = new ArrayList<>();
        columns.add(lit(runId).as(BronzeColumns.RUN_ID));
        columns.add(current_timestamp().as(BronzeColumns.INGESTED_AT));
        columns.add(col(BronzeColumns.SOURCE_FILE));
        columns.add(regexp_extract(col(BronzeColumns.SOURCE_FILE), "ingestion_date=([0-9]{4}-[0-9]{2}-[0-9]{2})", 1)
                .as(BronzeColumns.INGESTION_DATE));
        columns.add(
                regexp_extract(col(BronzeColumns.SOURCE_FILE), "run=([^/]+)", 1).as(BronzeColumns.INGESTION_RUN));
        BronzeColumns.SOURCE_FIELDS.forEach(
                f -> columns.add(expr("_fields['" + f + "']").as(f)));
        BronzeColumns.SYSTEM_FIELDS.forEach(
                f -> columns.add(expr("_fields['" + f[0] + "']").as(f[1])));
        columns.add(rescued.as(BronzeColumns.RESCUED));
        return parsed.select(columns.toArray(Column[]::new))
                // a blank line is no record: nothing to keep, nothing to rescue
                .where(col(BronzeColumns.RESCUED).isNull().or(expr("trim(" + BronzeColumns.RESCUED + ") <> ''")));
    }
}
