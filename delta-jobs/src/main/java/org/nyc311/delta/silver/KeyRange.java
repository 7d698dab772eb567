package org.nyc311.delta.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The lowest and highest {@code unique_key} of a batch, as strings. Silver's look-ups of a batch's keys (the
 * classification's join and the MERGE) say it as a predicate on silver alone, so that Delta skips every file whose
 * key statistics lie outside it: once the upkeep has Z-ordered silver by {@code unique_key}, a day of new requests
 * reads the newest files, not three years of them. Without the predicate both read all of silver's key column,
 * which grows with history (docs/BENCHMARKS.md#scale).
 *
 * <p>The order is the strings' (a key of another length sorts where its characters put it); it is never wrong, as a
 * key of the batch lies in the range in that order, and a row of silver with the same key has the same string. Keys
 * updated long after they were created widen the range back towards old files, which is only as slow as before.
 */
record KeyRange(String lowest, String highest) {

    /** The range of the rows' keys, empty when there are no rows. */
    static Optional<KeyRange> of(Dataset<Row> rows) {
        Row bounds = rows.agg(min(SilverColumns.UNIQUE_KEY), max(SilverColumns.UNIQUE_KEY))
                .first();
        return bounds.isNullAt(0)
                ? Optional.empty()
                : Optional.of(new KeyRange(bounds.getString(0), bounds.getString(1)));
    }

    /** Silver's rows whose key can be one of the batch's; none when the batch has no key. */
    static Dataset<Row> narrow(Optional<KeyRange> range, Dataset<Row> silver) {
        return silver.where(
                range.map(r -> r.holds(col(SilverColumns.UNIQUE_KEY))).orElse(lit(false)));
    }

    /** The MERGE's condition: the same key, and the target's within the range (the part Delta skips files by). */
    Column mergeCondition(String target, String source) {
        Column targetKey = col(target + "." + SilverColumns.UNIQUE_KEY);
        return targetKey.equalTo(col(source + "." + SilverColumns.UNIQUE_KEY)).and(holds(targetKey));
    }

    private Column holds(Column key) {
        return key.geq(lit(lowest)).and(key.leq(lit(highest)));
    }
}
