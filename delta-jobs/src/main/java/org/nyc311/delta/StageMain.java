package org.nyc311.delta;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * Runs a stage as a program, the same way on Databricks and in a local child JVM.
 *
 * <p>The session comes from {@code getOrCreate()}: on Databricks that is the cluster's, with Delta
 * already configured. Only when {@code --spark-master} is given (a local run) does this set the
 * master and the Delta session extension, and only then does it stop the session and exit with a
 * status: Databricks wants a JAR task to return or throw, never to call System.exit.
 */
public final class StageMain {

    private StageMain() {}

    public static void run(String name, String[] argv, Stage... stages) {
        boolean local =
                List.of(argv).stream().anyMatch(a -> a.equals("--spark-master") || a.startsWith("--spark-master="));
        JobArgs args;
        try {
            args = JobArgs.parse(argv);
            for (Stage stage : stages) {
                stage.requiredArgs().forEach(args::required);
                stage.checkArgs(args);
            }
            // the table addresses (a catalog name that is not an identifier, --table-* with --catalog)
            LakeLayout.from(args);
        } catch (IllegalArgumentException e) {
            System.err.println(name + " failed: " + e.getMessage());
            if (local) {
                System.exit(2);
            }
            throw e;
        }
        SparkSession spark = null;
        try {
            spark = session(name, args);
            for (Stage stage : stages) {
                stage.run(spark, args);
            }
        } catch (Exception | Error e) {
            System.err.println(name + " failed: " + describe(e));
            if (!local) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(name + " failed", e);
            }
            e.printStackTrace();
            stop(spark);
            System.exit(1);
        }
        if (local) {
            stop(spark);
        }
    }

    public static SparkSession session(String name, JobArgs args) {
        SparkSession.Builder builder = SparkSession.builder().appName("nyc311-" + name);
        args.optional("spark-master")
                .ifPresent(master -> builder.master(master)
                        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                        .config("spark.sql.shuffle.partitions", args.get("shuffle-partitions", "4"))
                        .config("spark.ui.enabled", "false")
                        .config("spark.driver.bindAddress", "127.0.0.1")
                        .config("spark.driver.host", "127.0.0.1")
                        .config("spark.ui.showConsoleProgress", "false")
                        // one small machine: fewer snapshot partitions make every Delta log replay cheaper
                        .config("spark.databricks.delta.snapshotPartitions", args.get("shuffle-partitions", "4"))
                        .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2"));
        // locally, where the session catalog's managed tables go (with --catalog spark_catalog)
        args.optional("warehouse-dir").ifPresent(dir -> builder.config("spark.sql.warehouse.dir", dir));
        SparkSession spark = builder.getOrCreate();
        // timestamps are instants; the New York wall clock is converted explicitly, never by a session default
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        if (args.optional("spark-master").isPresent()) {
            // on Databricks the bundle creates the schemas (and grants on them); a local run has no bundle
            CatalogSchemas.from(args).ifPresent(schemas -> schemas.createIn(spark));
        }
        return spark;
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            message.append(" <- ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage());
        }
        return e.getClass().getSimpleName() + ": " + message;
    }

    private static void stop(@Nullable SparkSession spark) {
        if (spark != null) {
            try {
                spark.stop();
            } catch (RuntimeException ignored) {
                // stopping is best effort once the run has failed
            }
        }
    }
}
