package org.nyc311.delta;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Small Delta helpers shared by the stages: existence, the current version, a pinned snapshot. */
public final class DeltaTables {

    private DeltaTables() {}

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /** The table's latest version, or -1 when it does not exist yet. */
    public static long version(SparkSession spark, String path) {
        if (!exists(spark, path)) {
            return -1;
        }
        Row last = DeltaTable.forPath(spark, path).history(1).select("version").first();
        return last.getLong(0);
    }

    /** The table as of one version, so that two reads of one run see the same rows. */
    public static Dataset<Row> at(SparkSession spark, String path, long version) {
        return spark.read().format("delta").option("versionAsOf", version).load(path);
    }
}
