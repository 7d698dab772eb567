package org.nyc311.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kyuubi.jdbc.KyuubiHiveDriver;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.testsupport.warehouse.LocalSqlWarehouseProcess;

/**
 * The warehouse as a launcher runs it (test-support's {@link LocalSqlWarehouseProcess}: a child JVM with
 * the module's classpath and flags files), over a lake with gold tables, queried over HTTP with the
 * Kyuubi Hive JDBC driver from a third, Spark-free JVM.
 */
class LocalSqlWarehouseIT {

    @TempDir
    static Path lake;

    private static LocalSqlWarehouseProcess warehouse;
    private static int port;

    @BeforeAll
    static void startWarehouseOverAGoldLake() throws Exception {
        writeGoldTables();
        // a gold job still writing its first version of daily_requests: the log folder, no commit yet
        java.nio.file.Files.createDirectories(lake.resolve("gold/daily_requests/_delta_log"));
        warehouse = LocalSqlWarehouseProcess.start(
                Path.of(""),
                lake.toUri().toString(),
                0,
                Path.of("target", "local-sql-warehouse-test.log"),
                Duration.ofMinutes(3));
        port = warehouse.port();
    }

    @AfterAll
    static void stop() {
        if (warehouse != null) {
            warehouse.close();
        }
    }

    @Test
    void aTableWhoseFirstVersionLandsWhileTheWarehouseRunsIsServedAfterARefresh() throws Exception {
        SparkSession spark = fixtureSpark();
        try {
            spark.sql(
                            "SELECT DATE'2026-04-12' AS date, 'noise-residential' AS complaint_type_key, CAST(5 AS BIGINT) AS count")
                    .write()
                    .format("delta")
                    .mode("append")
                    .save(lake.resolve("gold/daily_requests").toString());
        } finally {
            spark.stop();
        }
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        List<String> rows = List.of();
        while (java.time.Instant.now().isBefore(deadline)) {
            try {
                rows = probe("SELECT count(*) FROM gold.daily_requests");
                break;
            } catch (AssertionError notYet) {
                Thread.sleep(2_000);
            }
        }
        assertThat(rows)
                .as("daily_requests registered within a minute (refresh every 5 s)")
                .containsExactly("1");
    }

    /** Two gold tables, written the way the gold stage writes them (Delta, by path under the lake root). */
    private static void writeGoldTables() {
        SparkSession spark = fixtureSpark();
        try {
            spark.sql("SELECT * FROM VALUES "
                            + "('all/all', 'citywide', 'all', 'All', 'all', DATE'2026-04-11', CAST(3 AS BIGINT)), "
                            + "('all/all', 'citywide', 'all', 'All', 'all', DATE'2026-04-12', CAST(5 AS BIGINT)), "
                            + "('noise-residential/brooklyn', 'complaint_type_borough', 'noise-residential', "
                            + "'Noise - Residential', 'brooklyn', DATE'2026-04-12', CAST(2 AS BIGINT)) "
                            + "AS t(series_id, level, complaint_type_key, complaint_type, borough_key, date, count)")
                    .write()
                    .format("delta")
                    .save(lake.resolve("gold/daily_series").toString());
            spark.sql(
                            "SELECT 'all/all' AS series_id, 'citywide' AS level, DATE'2026-04-11' AS first_date, "
                                    + "DATE'2026-04-12' AS last_date, 4.0D AS mean_count, CAST(2 AS BIGINT) AS days, false AS forecastable")
                    .write()
                    .format("delta")
                    .save(lake.resolve("gold/series_catalog").toString());
        } finally {
            spark.stop();
        }
    }

    private static SparkSession fixtureSpark() {
        return SparkSession.builder()
                .master("local[1]")
                .appName("gold-fixture")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.catalogImplementation", "in-memory")
                .config(
                        "spark.sql.warehouse.dir",
                        lake.resolve("_spark-warehouse").toUri().toString())
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "1")
                .getOrCreate();
    }

    @Test
    void aPlainJvmWithTheHiveJdbcDriverQueriesGoldOverHttp() throws Exception {
        List<String> rows = probe("SELECT series_id, date, count FROM gold.daily_series "
                + "WHERE date >= DATE'2026-04-12' ORDER BY series_id");
        assertThat(rows).containsExactly("all/all,2026-04-12,5", "noise-residential/brooklyn,2026-04-12,2");
        assertThat(probe("SELECT count(*) FROM gold.series_catalog WHERE NOT forecastable"))
                .containsExactly("1");
    }

    @Test
    void theServerListensOnLoopbackOnly() throws IOException {
        List<String> listeners = listeningAddresses(port);
        assertThat(listeners)
                .isNotEmpty()
                .allSatisfy(address -> assertThat(address).isEqualTo("127.0.0.1"));
    }

    private static List<String> probe(String sql) throws Exception {
        String driverJar = Path.of(KyuubiHiveDriver.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        String probeClasses = Path.of(JdbcProbe.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        Process process = new ProcessBuilder(
                        javaBinary(),
                        "-cp",
                        probeClasses + ":" + driverJar,
                        JdbcProbe.class.getName(),
                        warehouse.jdbcUrl(),
                        sql)
                .redirectErrorStream(false)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as("probe exit; stderr:\n" + err + "\nwarehouse log:\n"
                        + warehouse.process().tail(40))
                .isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Local addresses of the sockets listening on the port, from /proc/net/tcp and tcp6 (what ss -ltn shows). */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line :
                    Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (local[1].equals(hexPort) && f[3].equals("0A")) {
                    addresses.add(decode(local[0]));
                }
            }
        }
        return addresses;
    }

    private static String decode(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            return decode(hex.substring(24)); // IPv4-mapped (::ffff:a.b.c.d): Java listens on a dual-stack socket
        }
        return hex.equals("00000000000000000000000000000000") ? "::" : "ipv6:" + hex;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
