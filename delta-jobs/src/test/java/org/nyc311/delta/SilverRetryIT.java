package org.nyc311.delta;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.nyc311.delta.gold.GoldStage;
import org.nyc311.delta.silver.SilverStage;
import org.nyc311.delta.silver.SilverStage.RunMetrics;

/**
 * A run that dies after silver's MERGE is retried under the same run id, and a batch is run again under a
 * new one: each ends with gold equal to an independent count of the deduplicated input. The crashes are
 * the states they leave behind (a MERGE commit with or without its metrics row, no gold), made with Delta
 * in this JVM's session; fault-tests' GoldRetryAfterSilverCommittedIT kills real child JVMs for the same.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SilverRetryIT {

    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    @TempDir
    static Path lake;

    private static SparkSession spark;
    private static final List<String> landed = new ArrayList<>();

    @BeforeAll
    static void firstBatch() throws Exception {
        spark = LocalSpark.start("silver-retry");
        land(
                "2026-04-11",
                "ing-a",
                record("A1", "2026-04-10T08:00:00.000", "Noise - Residential", "BROOKLYN", "2026-04-10T09:00:00.000Z"),
                record("A2", "2026-04-10T23:30:00.000", "Noise - Residential", "BROOKLYN", "2026-04-11T01:00:00.000Z"),
                record("A3", "2026-04-11T10:00:00.000", "Illegal Parking", "QUEENS", "2026-04-11T11:00:00.000Z"),
                record("A4", "2026-04-11T12:00:00.000", "Illegal Parking", "QUEENS", "2026-04-11T13:00:00.000Z"));
        new GoldStage().run(spark, bronzeAndSilver("r1"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    @Order(1)
    void aRetryAfterSilverCommittedCountsAndTouchesWhatItsFirstAttemptDid() throws Exception {
        // A2's created date moves from the 10th to the 12th; A3 comes again unchanged; B1 is new
        land(
                "2026-04-12",
                "ing-b",
                record("A2", "2026-04-12T07:00:00.000", "Noise - Residential", "BROOKLYN", "2026-04-12T08:00:00.000Z"),
                record("A3", "2026-04-11T10:00:00.000", "Illegal Parking", "QUEENS", "2026-04-11T11:00:00.000Z"),
                record("B1", "2026-04-12T09:00:00.000", "Illegal Parking", "BRONX", "2026-04-12T10:00:00.000Z"));
        JobArgs args = bronzeAndSilver("r2");
        RunMetrics first = metrics("r2");
        assertThat(first.touchedDates()).contains(Date.valueOf("2026-04-10"), Date.valueOf("2026-04-12"));
        long silverVersion = version("silver/service_requests");

        silver(args); // the job died before gold; the retry runs silver again

        RunMetrics retry = metrics("r2");
        assertThat(retry)
                .usingRecursiveComparison()
                .ignoringFields("finishedAt")
                .isEqualTo(first);
        assertThat(retry.inserted()).isEqualTo(1);
        assertThat(retry.updated()).isEqualTo(1);
        assertThat(retry.duplicates()).isEqualTo(1);
        assertThat(version("silver/service_requests"))
                .as("the retry merges nothing twice")
                .isEqualTo(silverVersion);
        goldEqualsAnIndependentCount(args);
    }

    @Test
    @Order(2)
    void aRetryAfterACrashBetweenTheMergeAndItsMetricsRowEndsAsTheFirstAttemptWould() throws Exception {
        land(
                "2026-04-13",
                "ing-c",
                record("A1", "2026-04-13T08:00:00.000", "Noise - Residential", "BROOKLYN", "2026-04-13T09:00:00.000Z"),
                record("C1", "2026-04-13T10:00:00.000", "Illegal Parking", "BRONX", "2026-04-13T11:00:00.000Z"));
        JobArgs args = bronzeAndSilver("r3");
        RunMetrics first = metrics("r3");
        crashBeforeTheMetricsRow("r3");

        silver(args);

        assertThat(metrics("r3"))
                .usingRecursiveComparison()
                .ignoringFields("finishedAt")
                .isEqualTo(first);
        assertThat(first.touchedDates()).containsExactly(Date.valueOf("2026-04-10"), Date.valueOf("2026-04-13"));
        goldEqualsAnIndependentCount(args);
    }

    @Test
    @Order(3)
    void aRetryAlsoMergesTheFilesThatLandedBetweenItsAttempts() throws Exception {
        land(
                "2026-04-14",
                "ing-d",
                record("D1", "2026-04-14T08:00:00.000", "Illegal Parking", "BRONX", "2026-04-14T09:00:00.000Z"));
        JobArgs args = bronzeAndSilver("r4");
        crashBeforeTheMetricsRow("r4");
        land(
                "2026-04-14",
                "ing-e",
                record("E1", "2026-04-14T10:00:00.000", "Illegal Parking", "BRONX", "2026-04-14T11:00:00.000Z"),
                record("B1", "2026-04-12T09:00:00.000", "Illegal Parking", "MANHATTAN", "2026-04-14T12:00:00.000Z"));

        new BronzeStage().run(spark, args); // the retry's bronze takes ing-e under the same run id
        silver(args);

        RunMetrics retry = metrics("r4");
        assertThat(retry.recordsIn()).isEqualTo(3);
        assertThat(retry.inserted()).isEqualTo(2);
        assertThat(retry.updated()).isEqualTo(1);
        assertThat(retry.touchedDates()).containsExactly(Date.valueOf("2026-04-12"), Date.valueOf("2026-04-14"));
        goldEqualsAnIndependentCount(args);
    }

    @Test
    @Order(4)
    void aManualRerunOfABatchUnderANewRunIdRebuildsEveryDateTheBatchTouched() throws Exception {
        // gold as a lost gold step leaves it: batch b's records (A2 on the 12th, B1) never counted, A2 still on the
        // 10th
        Dataset<Row> stale = table("gold/daily_requests")
                .where(col("date").notEqual(Date.valueOf("2026-04-12")))
                .withColumn(
                        "count",
                        org.apache
                                .spark
                                .sql
                                .functions
                                .when(
                                        col("date").equalTo(Date.valueOf("2026-04-10")),
                                        col("count").plus(1))
                                .otherwise(col("count")));
        stale.cache().count();
        stale.write().format("delta").mode("overwrite").save(path("gold/daily_requests"));
        assertThat(goldByDate()).isNotEqualTo(independentCount());

        JobArgs args = JobArgs.parse("--lake-root", lake.toString(), "--run-id", "r5", "--ingestion-runs", "ing-b");
        new BronzeStage().run(spark, args);
        silver(args);
        new GoldStage().run(spark, args);

        RunMetrics rerun = metrics("r5");
        assertThat(rerun.recordsIn()).isEqualTo(3);
        assertThat(rerun.inserted() + rerun.updated())
                .as("silver already holds the batch")
                .isZero();
        assertThat(rerun.touchedDates())
                .contains(Date.valueOf("2026-04-10"), Date.valueOf("2026-04-11"), Date.valueOf("2026-04-12"));
        assertThat(goldByDate()).isEqualTo(independentCount());
    }

    /** A run's bronze and silver under {@code runId}, as far as the crashes here let a run go. */
    private static JobArgs bronzeAndSilver(String runId) throws Exception {
        JobArgs args = args(runId);
        new BronzeStage().run(spark, args);
        silver(args);
        return args;
    }

    /** The crash between silver's MERGE and its metrics row: the MERGE committed, the row never did. */
    private static void crashBeforeTheMetricsRow(String runId) {
        DeltaTable.forPath(spark, path("silver/pipeline_metrics"))
                .delete(col("run_id").equalTo(runId));
    }

    /** The run's gold step, after which gold equals an independent count of every record landed so far. */
    private static void goldEqualsAnIndependentCount(JobArgs args) throws Exception {
        new GoldStage().run(spark, args);
        assertThat(goldByDate()).isEqualTo(independentCount());
    }

    private static void silver(JobArgs args) {
        new SilverStage(Clock.fixed(NOW, ZoneOffset.UTC)).run(spark, args);
    }

    private static JobArgs args(String runId) {
        return JobArgs.parse("--lake-root", lake.toString(), "--run-id", runId);
    }

    private static RunMetrics metrics(String runId) {
        return SilverStage.readMetrics(spark, LakeLayout.from(args(runId)), runId);
    }

    private static String record(String key, String created, String type, String borough, String updatedAt) {
        return "{\"unique_key\": \"" + key + "\", \"created_date\": \"" + created + "\", \"agency\": \"NYPD\", "
                + "\"complaint_type\": \"" + type + "\", \"borough\": \"" + borough + "\", \":updated_at\": \""
                + updatedAt
                + "\"}";
    }

    private static void land(String ingestionDate, String run, String... records) throws Exception {
        String ndjson = String.join("\n", records) + "\n";
        RawLanding.land(lake, ingestionDate, run, new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)));
        landed.addAll(List.of(records));
    }

    private static Map<LocalDate, Long> independentCount() throws Exception {
        return new IndependentCount(NOW)
                .read(new BufferedReader(new StringReader(String.join("\n", landed))))
                .byDate();
    }

    private static String path(String relative) {
        return lake.resolve(relative).toString();
    }

    private static Dataset<Row> table(String relative) {
        return spark.read().format("delta").load(path(relative));
    }

    private static long version(String relative) {
        return DeltaTables.version(spark, path(relative));
    }

    private static Map<LocalDate, Long> goldByDate() {
        Map<LocalDate, Long> counts = new TreeMap<>();
        table("gold/daily_requests")
                .groupBy("date")
                .sum("count")
                .collectAsList()
                .forEach(r -> counts.put(r.getDate(0).toLocalDate(), r.getLong(1)));
        return counts;
    }
}
