package org.nyc311.delta;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.delta.bronze.BronzeStage;
import org.nyc311.delta.gold.GoldStage;
import org.nyc311.delta.silver.SilverStage;
import org.nyc311.delta.silver.SilverTransform;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;

/**
 * The real 100,000 SODA records of ../shared/data through bronze, silver and gold (skipped with a
 * message when the data is absent), and proof that the Spark SQL rules for complaint types and
 * boroughs are shared-model's rules.
 */
class RealRecordsPipelineIT {

    private static final Path RECORDS = Path.of(
            System.getProperty("nyc311.shared-data", "../../shared/data"),
            "records",
            "soda_erm2-nwe9_2026-04_to_06.jsonl.gz");
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    static Path lake;

    private static SparkSession spark;
    private static boolean ran;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("real-records");
        SilverTransform.registerFunctions(spark);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static void realBatch() throws Exception {
        assumeTrue(
                Files.isRegularFile(RECORDS),
                "real records not found at " + RECORDS.toAbsolutePath()
                        + " (set -Dnyc311.shared-data); the fixture tests cover the same paths");
        if (!ran) {
            RawLanding.landGzipped(lake, "2026-06-29", "ing-real", RECORDS);
            run("real-1");
            ran = true;
        }
    }

    private static void run(String runId) throws Exception {
        JobArgs args = JobArgs.parse("--lake-root", lake.toString(), "--run-id", runId);
        new BronzeStage().run(spark, args);
        new SilverStage(Clock.fixed(NOW, ZoneOffset.UTC)).run(spark, args);
        new GoldStage().run(spark, args);
    }

    private static Dataset<Row> table(String relative) {
        return spark.read().format("delta").load(lake.resolve(relative).toString());
    }

    @Test
    void goldCountsOfTheRealRecordsEqualAnIndependentCountByNewYorkDate() throws Exception {
        realBatch();
        IndependentCount independent = new IndependentCount(NOW);
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(RECORDS)), StandardCharsets.UTF_8))) {
            independent.read(in);
        }
        Map<LocalDate, Long> gold = new TreeMap<>();
        table("gold/daily_requests")
                .groupBy("date")
                .sum("count")
                .collectAsList()
                .forEach(r -> gold.put(r.getDate(0).toLocalDate(), r.getLong(1)));
        assertThat(gold).isEqualTo(independent.byDate());

        JsonNode silver = new ObjectMapper()
                .readTree(lake.resolve("_pipeline_runs/real-1/result.json").toFile())
                .get("silver");
        assertThat(silver.get("recordsIn").asLong()).isEqualTo(100_000);
        assertThat(silver.get("inserted").asLong()
                        + silver.get("updated").asLong()
                        + silver.get("duplicates").asLong()
                        + silver.get("quarantined").asLong())
                .isEqualTo(100_000);
        assertThat(silver.get("inserted").asLong())
                .isEqualTo(gold.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void everyRealComplaintTypeAndBoroughIsCanonicalisedAsSharedModelDoes() throws Exception {
        realBatch();
        for (Row row : table("silver/service_requests")
                .select("complaint_type_raw", "complaint_type", "complaint_type_key")
                .distinct()
                .collectAsList()) {
            ComplaintType expected = ComplaintType.fromSource(row.getString(0));
            assertThat(row.getString(2)).as(row.getString(0)).isEqualTo(expected.key());
            assertThat(row.getString(1)).as(row.getString(0)).isEqualTo(expected.display());
        }
        for (Row row : table("silver/service_requests")
                .select("borough_raw", "borough", "borough_key")
                .distinct()
                .collectAsList()) {
            Borough expected = Borough.fromSource(row.getString(0));
            assertThat(row.getString(1)).isEqualTo(expected.name());
            assertThat(row.getString(2)).isEqualTo(expected.key());
        }
        assertThat(table("gold/series_catalog")
                        .where(col("series_id").equalTo("noise-residential/brooklyn"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aSecondBatchOverTheSameRawFilesChangesNoTable() throws Exception {
        realBatch();
        List<Long> before = versions();
        run("real-2");
        assertThat(versions()).isEqualTo(before);
    }

    /** Runs without the real data: the awkward spellings the rules must agree on. */
    @Test
    void sparkRulesEqualSharedModelOnAwkwardSpellings() {
        List<String> spellings = List.of(
                "PAINT/PLASTER",
                "Noise - Residential",
                "  noise -  residential ",
                "HEAT/HOT WATER",
                "Derelict Vehicles",
                "Dead/Dying Tree",
                "Taxi Complaint",
                "ELEVATOR",
                "Lead",
                "Water System",
                "UNSANITARY CONDITION",
                "Day Care",
                "Rodent",
                "APPLIANCE",
                "FLOORING/STAIRS",
                "Illegal Parking",
                "DOOR/WINDOW",
                "Non-Emergency Police Matter",
                "Sewer",
                "WATER LEAK",
                "Mosquitoes",
                "DOF Property - Owner Issue",
                "Found Property",
                "Bike/Roller/Skate Chronic",
                "E-Scooter",
                "NONCONST",
                "Special Projects Inspection Team (SPIT)",
                "O'BRIEN'S LAW",
                "A\tB",
                "x_y",
                "Ünïcode TYPE",
                "SCHOOL MAINTENANCE",
                "Noise - Street/Sidewalk");
        List<String> boroughs = List.of(
                "BROOKLYN",
                "Staten Island",
                "STATEN ISLAND",
                "staten_island",
                "Unspecified",
                "",
                " queens ",
                "MANHATTAN",
                "Bronx",
                "Brooklyn ",
                "NEW YORK",
                "STATEN-ISLAND",
                "\tBRONX\n");
        List<String> inputs = new ArrayList<>(spellings);
        inputs.addAll(boroughs);
        Dataset<Row> frame = spark.createDataset(inputs, Encoders.STRING())
                .toDF("raw")
                .withColumn(
                        "trimmed",
                        org.apache.spark.sql.functions.expr(
                                "regexp_replace(regexp_replace(raw, '^[\\\\x00-\\\\x20]+|[\\\\x00-\\\\x20]+$', ''), '\\\\s+', ' ')"))
                .withColumn("key", SilverTransform.complaintTypeKey(col("trimmed")))
                .withColumn(
                        "display",
                        org.apache.spark.sql.functions.expr(
                                org.nyc311.delta.silver.ComplaintTypeDisplay.UDF_NAME + "(trimmed)"))
                .withColumn("borough", SilverTransform.borough(col("raw")));
        for (Row row : frame.collectAsList()) {
            String raw = row.getAs("raw");
            if (spellings.contains(raw)) {
                ComplaintType expected = ComplaintType.fromSource(raw);
                assertThat(row.<String>getAs("key")).as(raw).isEqualTo(expected.key());
                assertThat(row.<String>getAs("display")).as(raw).isEqualTo(expected.display());
            }
            assertThat(row.<String>getAs("borough"))
                    .as(raw)
                    .isEqualTo(Borough.fromSource(raw).name());
        }
    }

    private static List<Long> versions() {
        List<Long> versions = new ArrayList<>();
        for (String t : List.of(
                "bronze/service_requests",
                "silver/service_requests",
                "gold/daily_requests",
                "gold/daily_series",
                "gold/series_catalog")) {
            versions.add(DeltaTables.version(spark, lake.resolve(t).toString()));
        }
        return versions;
    }
}
