package org.nyc311.delta;

import java.util.List;
import org.apache.spark.sql.SparkSession;

/** One medallion step run against a session; the mains only parse arguments and call it. */
public interface Stage {

    void run(SparkSession spark, JobArgs args) throws Exception;

    /** Arguments checked before Spark starts, so that a wrong call fails in a second, not after a minute. */
    default List<String> requiredArgs() {
        return List.of("lake-root", "run-id");
    }

    /**
     * Checks the stage's own options before Spark starts, for the same reason; throws IllegalArgumentException naming
     * the option.
     */
    default void checkArgs(JobArgs args) {}
}
