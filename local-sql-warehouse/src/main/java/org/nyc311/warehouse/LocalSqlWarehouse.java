package org.nyc311.warehouse;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hive.service.Service;
import org.apache.hive.service.cli.thrift.ThriftHttpCLIService;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.sparkproject.jetty.server.Connector;
import org.sparkproject.jetty.server.Server;
import org.sparkproject.jetty.server.ServerConnector;

/**
 * A Spark Thrift Server (HTTP transport, loopback only) over the lake's gold Delta tables: the local
 * stand-in for a Databricks SQL warehouse. It registers the gold tables when it starts (and those
 * that appear later, every {@code --refresh-seconds}), then serves until it is stopped. Prints
 * {@code local-sql-warehouse ready <jdbc url>} once clients may connect.
 */
public final class LocalSqlWarehouse {

    private final WarehouseArgs args;
    private static final java.util.regex.Pattern DELTA_COMMIT = java.util.regex.Pattern.compile("\\d{20}\\.json");

    private final SparkSession spark;

    LocalSqlWarehouse(WarehouseArgs args, SparkSession spark) {
        this.args = args;
        this.spark = spark;
    }

    public static void main(String[] argv) throws Exception {
        WarehouseArgs args;
        try {
            args = WarehouseArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("local-sql-warehouse failed: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Spark's empty database folders and the Thrift Server's internal Derby log go to a scratch folder,
        // never into the working directory; the warehouse holds no data of its own
        java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("nyc311-sql-warehouse-");
        System.setProperty(
                "derby.stream.error.file", scratch.resolve("derby.log").toString());
        SparkSession spark = SparkSession.builder()
                .appName("nyc311-local-sql-warehouse")
                .master(args.sparkMaster())
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // the catalog lives in memory: tables are registered from the lake on every start
                .config("spark.sql.catalogImplementation", "in-memory")
                .config(
                        "spark.sql.warehouse.dir",
                        scratch.resolve("spark-warehouse").toUri().toString())
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.ui.enabled", "false")
                // Spark's own driver ports stay on loopback too
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("hive.server2.transport.mode", "http")
                .config("hive.server2.thrift.http.port", String.valueOf(args.port()))
                .config("hive.server2.thrift.bind.host", args.bind())
                .config("hive.server2.thrift.http.path", "cliservice")
                .config("hive.server2.enable.doAs", "false")
                // each JDBC session's Hive scratch folders, in the scratch folder that goes on exit
                .config(
                        "hive.downloaded.resources.dir",
                        scratch.resolve("resources").toString())
                .config(
                        "hive.exec.local.scratchdir",
                        scratch.resolve("local-scratch").toString())
                .config("hive.exec.scratchdir", scratch.resolve("scratch").toString())
                .config("hive.querylog.location", scratch.resolve("querylog").toString())
                .config(
                        "hive.server2.logging.operation.log.location",
                        scratch.resolve("operation-logs").toString())
                .config("spark.local.dir", scratch.resolve("spark-local").toString())
                .getOrCreate();
        LocalSqlWarehouse warehouse = new LocalSqlWarehouse(args, spark);
        List<String> registered = warehouse.registerGoldTables();
        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        bindToLoopback(server, args.bind());
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gold-table-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresh.scheduleWithFixedDelay(
                warehouse::registerQuietly, args.refreshSeconds(), args.refreshSeconds(), TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            refresh.shutdownNow();
                            server.stop();
                            spark.stop();
                            deleteQuietly(scratch);
                            stopped.countDown();
                        },
                        "local-sql-warehouse-stop"));
        System.out.println("local-sql-warehouse ready " + args.jdbcUrl() + " tables " + registered);
        stopped.await();
    }

    private static void deleteQuietly(java.nio.file.Path folder) {
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            // a scratch folder in the temp directory; the OS cleans what this leaves
        }
    }

    /** Registers every gold table that exists in the lake; returns the names registered. */
    List<String> registerGoldTables() {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + args.database());
        List<String> registered = new ArrayList<>();
        for (String table : WarehouseArgs.GOLD_TABLES) {
            String location = args.lakeRoot() + "/gold/" + table;
            if (spark.catalog().tableExists(args.database(), table)) {
                // registered by an earlier tick: a Delta table's location always serves its newest version
                registered.add(args.database() + "." + table);
                continue;
            }
            if (!hasCommit(location)) {
                continue;
            }
            spark.sql("CREATE TABLE IF NOT EXISTS " + args.database() + "." + table + " USING delta LOCATION '"
                    + location.replace("'", "\\'") + "'");
            registered.add(args.database() + "." + table);
        }
        return registered;
    }

    /**
     * Whether a Delta table at {@code location} has a first commit, asked of the file system. Not
     * {@code DeltaTable.isDeltaTable}: it caches the table's log, and a log first seen while the gold
     * job was still writing its first version stays "no table" in that cache, so the table would never
     * be registered.
     */
    private boolean hasCommit(String location) {
        org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(location, "_delta_log");
        try {
            org.apache.hadoop.fs.FileSystem fs =
                    log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(log)) {
                return false;
            }
            for (org.apache.hadoop.fs.FileStatus file : fs.listStatus(log)) {
                String name = file.getPath().getName();
                if (DELTA_COMMIT.matcher(name).matches() || name.equals("_last_checkpoint")) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false; // asked again on the next refresh
        }
    }

    private void registerQuietly() {
        try {
            registerGoldTables();
        } catch (RuntimeException e) {
            System.err.println("local-sql-warehouse: registering gold tables failed, will retry: " + e.getMessage());
        }
    }

    /**
     * Spark's HTTP Thrift service never gives its Jetty connector the bind host, so it listens on every
     * interface. Rebind each connector to the loopback address: this server has no authentication.
     */
    static void bindToLoopback(HiveThriftServer2 server, String host) throws Exception {
        boolean rebound = false;
        for (Service service : server.getServices()) {
            if (service instanceof ThriftHttpCLIService http) {
                Field field = ThriftHttpCLIService.class.getDeclaredField("httpServer");
                field.setAccessible(true);
                Server jetty = (Server) field.get(http);
                for (Connector connector : jetty.getConnectors()) {
                    if (connector instanceof ServerConnector serverConnector) {
                        serverConnector.stop();
                        serverConnector.setHost(host);
                        serverConnector.start();
                        rebound = true;
                    }
                }
            }
        }
        if (!rebound) {
            throw new IllegalStateException("found no HTTP connector of the Thrift Server to bind to " + host);
        }
    }
}
