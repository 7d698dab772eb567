package org.nyc311.delta;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.delta.bronze.BronzeStage;
import org.nyc311.delta.gold.ExportGold;
import org.nyc311.delta.gold.GoldStage;
import org.nyc311.delta.maintenance.MaintenanceStage;
import org.nyc311.delta.silver.SilverStage;
import org.nyc311.model.gold.GoldTables;

/**
 * The medallion with its tables named in a catalog ({@code --catalog}), as on Databricks with Unity Catalog,
 * here in Spark's session catalog {@code spark_catalog}, whose managed tables live in a temporary warehouse:
 * the same fixtures through the name mode and through the default path mode end in the same gold. The first
 * batch also runs as pipeline-controller runs it locally, BatchJob in a child JVM given the catalog on its
 * command line (its own warehouse: the session catalog lives in memory, one per JVM).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogNamesPipelineIT {

    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    /** The name mode's arguments, each as one {@code --name=value} token as a Databricks task may pass them. */
    private static final List<String> CATALOG = List.of(
            "--catalog=spark_catalog",
            "--bronze-schema=nyc311_bronze",
            "--silver-schema=nyc311_silver",
            "--gold-schema=nyc311_gold");

    private static final List<String> NAMES = List.of(
            "spark_catalog.nyc311_bronze.service_requests",
            "spark_catalog.nyc311_silver.service_requests",
            "spark_catalog.nyc311_silver.quarantine",
            "spark_catalog.nyc311_silver.pipeline_metrics",
            "spark_catalog.nyc311_gold." + GoldTables.DAILY_REQUESTS,
            "spark_catalog.nyc311_gold." + GoldTables.DAILY_SERIES,
            "spark_catalog.nyc311_gold." + GoldTables.SERIES_CATALOG);
    private static final List<String> GOLD = GoldStage.TABLES;
    private static final Function<Dataset<Row>, Dataset<Row>> IN_TAKE = rows -> rows.drop("ingested_at", "source_file");

    @TempDir
    static Path root;

    private static Path namedLake;
    private static Path pathLake;
    private static Path childLake;
    private static Path childWarehouse;
    private static BatchJobProcess.Result child;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        namedLake = root.resolve("named-lake");
        pathLake = root.resolve("path-lake");
        childLake = root.resolve("child-lake");
        childWarehouse = root.resolve("child-warehouse");
        for (Path lake : List.of(namedLake, pathLake, childLake)) {
            RawLanding.land(lake, "2026-04-12", "ing-1", "batch1.jsonl");
        }
        List<String> args = new ArrayList<>(List.of(
                "--spark-master",
                "local[2]",
                "--shuffle-partitions",
                "2",
                "--lake-root",
                childLake.toUri().toString(),
                "--run-id",
                "run-1",
                "--warehouse-dir",
                childWarehouse.toString(),
                "--export-gold",
                childLake.resolve("export/gold.csv").toString()));
        args.addAll(CATALOG);
        child = BatchJobProcess.run(args.toArray(String[]::new));
        assertThat(child.exit()).as(child.output()).isZero();

        List<String> session = new ArrayList<>(List.of(
                "--spark-master",
                "local[2]",
                "--shuffle-partitions",
                "2",
                "--warehouse-dir",
                root.resolve("warehouse").toString()));
        session.addAll(CATALOG);
        spark = StageMain.session("test-catalog-names", JobArgs.parse(session.toArray(String[]::new)));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    @Order(1)
    void aBatchWritesEveryTableByItsCatalogNameAndKeepsOnlyFilesUnderTheLakeRoot() throws Exception {
        runBatch(byName("run-1"));

        for (String name : NAMES) {
            assertThat(spark.catalog().tableExists(name)).as(name).isTrue();
            assertThat(spark.catalog().getTable(name).tableType()).as(name).isEqualTo("MANAGED");
        }
        assertThat(spark.table(NAMES.get(0)).count()).isEqualTo(11);
        assertThat(namedLake.resolve("bronze")).doesNotExist();
        assertThat(namedLake.resolve("silver")).doesNotExist();
        assertThat(namedLake.resolve("gold")).doesNotExist();
        // what is files stays under the lake root: the stream's checkpoint and the result the controller reads
        assertThat(namedLake.resolve("_checkpoints/bronze_service_requests")).isDirectory();
        assertThat(result(namedLake, "run-1")
                        .get("rowCounts")
                        .get(GoldTables.DAILY_REQUESTS)
                        .asLong())
                .isEqualTo(6);
    }

    @Test
    @Order(2)
    void goldByNameEqualsGoldByPathOnTheSameBatchInThisJvmAndThroughTheCommandLine() throws Exception {
        runBatch(byPath("run-1"));

        for (String table : GOLD) {
            assertThat(rows(named(table))).as(table).isEqualTo(rows(pathTable(pathLake, "gold/" + table)));
            // BatchJob in its own JVM: its managed tables are folders of its warehouse, read here by path
            assertThat(rows(pathTable(childWarehouse, "nyc311_gold.db/" + table)))
                    .as("child JVM's " + table)
                    .isEqualTo(rows(pathTable(pathLake, "gold/" + table)));
        }
        // silver's rows, but for when and from which lake's file each was taken in
        assertThat(rows(named("spark_catalog.nyc311_silver.service_requests").andThen(IN_TAKE)))
                .isEqualTo(rows(pathTable(pathLake, "silver/service_requests").andThen(IN_TAKE)));
        assertThat(result(namedLake, "run-1").get("silver"))
                .isEqualTo(result(pathLake, "run-1").get("silver"));
        assertThat(result(namedLake, "run-1").get("rowCounts"))
                .isEqualTo(result(pathLake, "run-1").get("rowCounts"));
        assertThat(result(childLake, "run-1").get("silver"))
                .isEqualTo(result(pathLake, "run-1").get("silver"));
        assertThat(child.output()).contains("into spark_catalog.nyc311_bronze.service_requests");
        assertThat(childLake.resolve("gold")).doesNotExist();

        Path csv = pathLake.resolve("export/gold.csv");
        new ExportGold().run(spark, JobArgs.parse("--lake-root", pathLake.toString(), "--output", csv.toString()));
        assertThat(Files.readString(childLake.resolve("export/gold.csv"))).isEqualTo(Files.readString(csv));
    }

    @Test
    @Order(3)
    void runningTheSameBatchAgainAddsNothing() throws Exception {
        Map<String, Long> before = versions();
        Map<String, List<String>> goldBefore = gold();

        runBatch(byName("run-1"));

        assertThat(versions()).isEqualTo(before);
        assertThat(gold()).isEqualTo(goldBefore);
        assertThat(spark.table("spark_catalog.nyc311_silver.quarantine").count())
                .isEqualTo(4);
        JsonNode rerun = result(namedLake, "run-1");
        assertThat(rerun.get("silver").get("duplicates").asLong()).isEqualTo(7);
        assertThat(rerun.get("silver").get("inserted").asLong()).isZero();
    }

    @Test
    @Order(4)
    void aBatchOfLateUpdatesReplacesTheSameGoldRowsByNameAsByPath() throws Exception {
        for (Path lake : List.of(namedLake, pathLake)) {
            RawLanding.land(lake, "2026-04-13", "ing-2", "batch2.jsonl");
        }
        long dailyBefore = version("spark_catalog.nyc311_gold." + GoldTables.DAILY_REQUESTS);

        runBatch(byName("run-2"));
        runBatch(byPath("run-2"));

        for (String table : GOLD) {
            assertThat(rows(named(table))).as(table).isEqualTo(rows(pathTable(pathLake, "gold/" + table)));
        }
        assertThat(result(namedLake, "run-2").get("silver"))
                .isEqualTo(result(pathLake, "run-2").get("silver"));
        assertThat(result(namedLake, "run-2").get("silver").get("updated").asLong())
                .isEqualTo(1);
        // daily_requests took the run's dates by replaceWhere: a new version of the same table, history kept
        assertThat(version("spark_catalog.nyc311_gold." + GoldTables.DAILY_REQUESTS))
                .isGreaterThan(dailyBefore);
        assertThat(spark.read()
                        .option("versionAsOf", dailyBefore)
                        .table("spark_catalog.nyc311_gold." + GoldTables.DAILY_REQUESTS)
                        .count())
                .isEqualTo(6);
    }

    @Test
    @Order(5)
    void upkeepOptimizesAndVacuumsTablesByNameWithoutChangingARow() throws Exception {
        Map<String, List<String>> goldBefore = gold();
        List<String> args = new ArrayList<>(List.of(
                "--lake-root", namedLake.toUri().toString(), "--maintenance-every-days", "0", "--retain-hours", "0"));
        args.addAll(CATALOG);

        new MaintenanceStage(Clock.fixed(NOW, ZoneOffset.UTC)).run(spark, JobArgs.parse(args.toArray(String[]::new)));

        // the marker is written only once every table was done (a failure is reported, not thrown)
        assertThat(namedLake.resolve("_maintenance/last_run")).exists();
        assertThat(LakeTable.named("spark_catalog.nyc311_silver.service_requests")
                        .delta(spark)
                        .history()
                        .where(col("operation").equalTo("OPTIMIZE"))
                        .count())
                .isEqualTo(1);
        assertThat(gold()).isEqualTo(goldBefore);
    }

    private static JobArgs byName(String runId) {
        List<String> args =
                new ArrayList<>(List.of("--lake-root", namedLake.toUri().toString(), "--run-id", runId));
        args.addAll(CATALOG);
        return JobArgs.parse(args.toArray(String[]::new));
    }

    private static JobArgs byPath(String runId) {
        return JobArgs.parse("--lake-root", pathLake.toUri().toString(), "--run-id", runId);
    }

    private static void runBatch(JobArgs args) throws Exception {
        new BronzeStage().run(spark, args);
        new SilverStage(Clock.fixed(NOW, ZoneOffset.UTC)).run(spark, args);
        new GoldStage().run(spark, args);
    }

    /** A table by its name in the catalog; gold's by its name alone. */
    private static Function<SparkSession, Dataset<Row>> named(String table) {
        String name = table.contains(".") ? table : "spark_catalog.nyc311_gold." + table;
        return session -> session.table(name);
    }

    private static Function<SparkSession, Dataset<Row>> pathTable(Path folder, String relative) {
        return session ->
                session.read().format("delta").load(folder.resolve(relative).toString());
    }

    private static List<String> rows(Function<SparkSession, Dataset<Row>> table) {
        return table.apply(spark).toJSON().collectAsList().stream().sorted().toList();
    }

    private static Map<String, List<String>> gold() {
        Map<String, List<String>> rows = new TreeMap<>();
        GOLD.forEach(t -> rows.put(t, rows(named(t))));
        return rows;
    }

    private static long version(String name) {
        return LakeTable.named(name).version(spark);
    }

    /** Every table's version but the metrics', where each run (re)writes its own row, as by path. */
    private static Map<String, Long> versions() {
        Map<String, Long> versions = new TreeMap<>();
        NAMES.stream()
                .filter(name -> !name.endsWith(".pipeline_metrics"))
                .forEach(name -> versions.put(name, version(name)));
        return versions;
    }

    private static JsonNode result(Path lake, String runId) throws Exception {
        return new ObjectMapper()
                .readTree(
                        lake.resolve("_pipeline_runs/" + runId + "/result.json").toFile());
    }
}
