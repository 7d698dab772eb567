package org.nyc311.delta;

import org.apache.spark.sql.SparkSession;

/** A Delta table by path, for callers that hold a path rather than a {@link LakeTable}: tests and tools. */
public final class DeltaTables {

    private DeltaTables() {}

    /** The table's latest version, or -1 when it does not exist yet. */
    public static long version(SparkSession spark, String path) {
        return LakeTable.atPath(path).version(spark);
    }
}
