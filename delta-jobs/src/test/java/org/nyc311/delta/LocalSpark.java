package org.nyc311.delta;

import org.apache.spark.sql.SparkSession;

/** The one local session a test class shares, configured as a local run of the jobs configures it. */
public final class LocalSpark {

    private LocalSpark() {}

    public static SparkSession start(String name) {
        return StageMain.session(
                "test-" + name, JobArgs.parse("--spark-master", "local[2]", "--shuffle-partitions", "2"));
    }
}
