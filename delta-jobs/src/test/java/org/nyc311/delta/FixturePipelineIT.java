package org.nyc311.delta;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
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
import org.nyc311.delta.gold.ExportGold;
import org.nyc311.delta.gold.GoldStage;
import org.nyc311.delta.maintenance.MaintenanceStage;
import org.nyc311.delta.silver.SilverStage;
import org.nyc311.model.gold.extract.CatalogRow;
import org.nyc311.model.gold.extract.DailySeriesRow;
import org.nyc311.model.gold.extract.GoldExtractFiles;
import org.nyc311.model.gold.extract.GoldExtractLayout;
import org.nyc311.model.gold.extract.GoldExtractManifest;
import org.nyc311.model.series.SeriesKey;

/**
 * The medallion on the project's own fixtures, in the order a lake lives through it: a first batch
 * (duplicates, bad rows, a manifest beside the data), the same batch again, then a batch of late updates.
 * The first batch runs as pipeline-controller runs it locally, BatchJob in a child JVM (one Spark start
 * fewer than running it here); the later ones run in this JVM's session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FixturePipelineIT {

    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    @TempDir
    static Path lake;

    private static SparkSession spark;

    @BeforeAll
    static void firstBatch() throws Exception {
        RawLanding.land(lake, "2026-04-12", "ing-1", "batch1.jsonl");
        BatchJobProcess.Result first = BatchJobProcess.run(
                "--spark-master",
                "local[2]",
                "--shuffle-partitions",
                "2",
                "--lake-root",
                lake.toUri().toString(),
                "--run-id",
                "run-1");
        assertThat(first.exit()).as(first.output()).isZero();
        spark = LocalSpark.start("fixtures");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static void runBatch(String runId) throws Exception {
        JobArgs args = JobArgs.parse("--lake-root", lake.toUri().toString(), "--run-id", runId);
        new BronzeStage().run(spark, args);
        new SilverStage(Clock.fixed(NOW, ZoneOffset.UTC)).run(spark, args);
        new GoldStage().run(spark, args);
    }

    static Dataset<Row> table(String relative) {
        return spark.read().format("delta").load(lake.resolve(relative).toString());
    }

    static Row silverRow(String uniqueKey) {
        List<Row> rows = table("silver/service_requests")
                .where(col("unique_key").equalTo(uniqueKey))
                .collectAsList();
        assertThat(rows).as("silver rows for " + uniqueKey).hasSize(1);
        return rows.get(0);
    }

    static JsonNode result(String runId) throws Exception {
        return new ObjectMapper()
                .readTree(
                        lake.resolve("_pipeline_runs/" + runId + "/result.json").toFile());
    }

    @Test
    @Order(1)
    void bronzeKeepsEveryLineAsStringsWithIntakeColumnsAndNeverReadsTheManifest() {
        Dataset<Row> bronze = table("bronze/service_requests");
        assertThat(bronze.count()).isEqualTo(11);
        assertThat(bronze.where(col("unique_key").equalTo("MANIFEST")).count()).isZero();
        assertThat(bronze.where(col("_rescued_data").contains("MANIFEST")).count())
                .isZero();
        // and even without the *.json.gz glob, Spark's file listing skips names starting with '_'
        assertThat(spark.read()
                        .option("recursiveFileLookup", "true")
                        .text(lake.resolve("raw/nyc311").toString())
                        .where(col("value").contains("MANIFEST"))
                        .count())
                .isZero();
        assertThat(bronze.schema().fields()).allSatisfy(f -> {
            if (!f.name().equals("_ingested_at")) {
                assertThat(f.dataType().typeName()).as(f.name()).isEqualTo("string");
            }
        });
        Row extra = bronze.where(col("unique_key").equalTo("1007")).first();
        assertThat(extra.<String>getAs("_rescued_data")).isEqualTo("{\"foo\":\"bar\"}");
        assertThat(extra.<String>getAs("_source_file")).endsWith("run=ing-1/part-00000.json.gz");
        assertThat(extra.<String>getAs("_run_id")).isEqualTo("run-1");
        assertThat(extra.<String>getAs("ingestion_date")).isEqualTo("2026-04-12");
        assertThat(extra.<String>getAs("ingestion_run")).isEqualTo("ing-1");
        assertThat(bronze.where(col("_rescued_data").equalTo("{not json at all"))
                        .count())
                .isEqualTo(1);
        // the location object is kept as its JSON text: every value a string
        assertThat(bronze.where(col("unique_key").equalTo("1001")).first().<String>getAs("location"))
                .contains("\"latitude\":\"40.65\"");
    }

    @Test
    @Order(2)
    void quarantineKeepsUnusableRowsWithTheirReason() {
        Map<String, Long> reasons = new TreeMap<>();
        table("silver/quarantine")
                .groupBy("reason")
                .count()
                .collectAsList()
                .forEach(r -> reasons.put(r.getString(0), r.getLong(1)));
        assertThat(reasons)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("no_unique_key", 2L, "unparseable_created_date", 1L, "created_in_future", 1L));
        assertThat(table("silver/quarantine")
                        .where(col("reason").equalTo("created_in_future"))
                        .first()
                        .<String>getAs("unique_key"))
                .isEqualTo("1006");
    }

    @Test
    @Order(3)
    void silverIsTypedCanonicalAndFlagged() throws Exception {
        Row late = silverRow("1001");
        assertThat(late.<Timestamp>getAs("created_at").toInstant()).isEqualTo(Instant.parse("2026-04-12T03:28:40Z"));
        assertThat(late.<java.sql.Date>getAs("created_date_local").toLocalDate())
                .isEqualTo(LocalDate.of(2026, 4, 11));
        assertThat(late.<String>getAs("complaint_type_key")).isEqualTo("noise-residential");

        Row outside = silverRow("1003");
        assertThat(outside.<String>getAs("complaint_type")).isEqualTo("Noise - Residential");
        assertThat(outside.<String>getAs("borough")).isEqualTo("STATEN_ISLAND");
        assertThat(outside.<String>getAs("borough_key")).isEqualTo("staten-island");
        assertThat(outside.<Object>getAs("latitude")).isNull();
        assertThat(outside.<Boolean>getAs("coords_outside_nyc")).isTrue();

        Row backwards = silverRow("1004");
        assertThat(backwards.<Boolean>getAs("closed_before_created")).isTrue();
        assertThat(backwards.<String>getAs("borough")).isEqualTo("UNSPECIFIED");
        assertThat(backwards.<String>getAs("complaint_type_key"))
                .isEqualTo(silverRow("1002").getAs("complaint_type_key"));
        assertThat(silverRow("1002").<String>getAs("complaint_type")).isEqualTo("Paint/Plaster");
        assertThat(silverRow("1008").<String>getAs("borough")).isEqualTo("QUEENS");
        assertThat(silverRow("1002").<Double>getAs("latitude")).isEqualTo(40.84);

        JsonNode silver = result("run-1").get("silver");
        assertThat(silver.get("recordsIn").asLong()).isEqualTo(11);
        assertThat(silver.get("inserted").asLong()).isEqualTo(6);
        assertThat(silver.get("updated").asLong()).isZero();
        assertThat(silver.get("duplicates").asLong()).isEqualTo(1);
        assertThat(silver.get("quarantined").asLong()).isEqualTo(4);
        assertThat(table("silver/service_requests").count()).isEqualTo(6);
        JsonNode first = result("run-1");
        assertThat(first.get("runId").asText()).isEqualTo("run-1");
        assertThat(first.get("latestCompleteDate").asText()).isEqualTo("2026-04-11");
        assertThat(first.get("tableVersions").get("daily_requests").asLong()).isZero();
        assertThat(first.get("rowCounts").get("daily_requests").asLong()).isEqualTo(6);
    }

    @Test
    @Order(4)
    void runningTheBatchAgainChangesNothing() throws Exception {
        Map<String, Long> before = versions();
        List<Row> goldBefore =
                table("gold/daily_series").orderBy("series_id", "date").collectAsList();

        runBatch("run-1"); // the same run again, as a retry would: bronze finds no new file, silver only duplicates

        assertThat(versions()).isEqualTo(before);
        assertThat(table("gold/daily_series").orderBy("series_id", "date").collectAsList())
                .isEqualTo(goldBefore);
        assertThat(table("silver/quarantine").count()).isEqualTo(4);
        JsonNode rerun = result("run-1");
        assertThat(rerun.get("silver").get("duplicates").asLong()).isEqualTo(7);
        assertThat(rerun.get("silver").get("inserted").asLong()).isZero();
    }

    @Test
    @Order(5)
    void aLateUpdateReplacesTheOldVersionAndAStaleOneDoesNot() throws Exception {
        RawLanding.land(lake, "2026-04-13", "ing-2", "batch2.jsonl");
        runBatch("run-2");

        Row updated = silverRow("1001");
        assertThat(updated.<String>getAs("complaint_type_key")).isEqualTo("noise-street-sidewalk");
        assertThat(updated.<Timestamp>getAs("closed_at").toInstant()).isEqualTo(Instant.parse("2026-04-12T05:00:00Z"));
        assertThat(silverRow("1004").<String>getAs("complaint_type_key")).isEqualTo("paint-plaster");
        assertThat(silverRow("1009").<String>getAs("complaint_type")).isEqualTo("Missed Collection (All Materials)");

        JsonNode result = result("run-2");
        JsonNode silver = result.get("silver");
        assertThat(silver.get("recordsIn").asLong()).isEqualTo(4);
        assertThat(silver.get("inserted").asLong()).isEqualTo(1);
        assertThat(silver.get("updated").asLong()).isEqualTo(1);
        assertThat(silver.get("duplicates").asLong()).isEqualTo(2);
        assertThat(silver.get("quarantined").asLong()).isZero();
        assertThat(result.get("latestCompleteDate").asText()).isEqualTo("2026-04-12");
        assertThat(result.get("newestCreatedAt").asText()).isEqualTo("2026-04-13T13:00:00Z");
        assertThat(result.get("tableVersions").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("daily_requests", "daily_series", "series_catalog");
        assertThat(result.get("rowCounts").get("daily_requests").asLong()).isEqualTo(2);

        Map<String, Long> daily = new HashMap<>();
        table("gold/daily_requests")
                .where(col("date").equalTo(java.sql.Date.valueOf("2026-04-11")))
                .collectAsList()
                .forEach(r -> daily.put(r.<String>getAs("complaint_type_key"), r.<Long>getAs("count")));
        assertThat(daily).isEqualTo(Map.of("noise-street-sidewalk", 1L));

        // the citywide totals of the dates the run rebuilt, as gold now holds them: what the data-quality checks read
        Map<LocalDate, Long> reported = new TreeMap<>();
        result.get("requestsPerDate")
                .fields()
                .forEachRemaining(e ->
                        reported.put(LocalDate.parse(e.getKey()), e.getValue().asLong()));
        List<LocalDate> touched = new java.util.ArrayList<>();
        silver.get("touchedDates").forEach(d -> touched.add(LocalDate.parse(d.asText())));
        assertThat(reported).isNotEmpty();
        assertThat(reported.keySet()).containsExactlyInAnyOrderElementsOf(touched);
        Map<LocalDate, Long> gold = goldByDate();
        reported.forEach((date, requests) ->
                assertThat(requests).as("requests on %s", date).isEqualTo(gold.getOrDefault(date, 0L)));
    }

    @Test
    @Order(6)
    void goldCountsEqualAnIndependentCountOfTheDeduplicatedInput() throws Exception {
        IndependentCount independent = new IndependentCount(NOW);
        for (String fixture : List.of("batch1.jsonl", "batch2.jsonl")) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(getClass().getResourceAsStream("/raw/" + fixture), StandardCharsets.UTF_8))) {
                independent.read(in);
            }
        }
        assertThat(goldByDate()).isEqualTo(independent.byDate());
        assertThat(goldByDate())
                .isEqualTo(Map.of(
                        LocalDate.of(2026, 4, 11), 1L, LocalDate.of(2026, 4, 12), 5L, LocalDate.of(2026, 4, 13), 1L));
    }

    @Test
    @Order(7)
    void seriesAreZeroFilledWithSharedModelIds() {
        for (Row row : table("gold/series_catalog").collectAsList()) {
            String id = row.getAs("series_id");
            assertThat(SeriesKey.parse(id).id()).isEqualTo(id);
        }
        Dataset<Row> citywide = table("gold/daily_series")
                .where(col("series_id").equalTo("all/all"))
                .orderBy("date");
        assertThat(citywide.select("count")
                        .as(org.apache.spark.sql.Encoders.LONG())
                        .collectAsList())
                .containsExactly(1L, 5L, 1L);
        // a series that starts on the 12th is zero on the 13th, not absent
        Row zero = table("gold/daily_series")
                .where(col("series_id")
                        .equalTo("paint-plaster/manhattan")
                        .and(col("date").equalTo(java.sql.Date.valueOf("2026-04-13"))))
                .first();
        assertThat(zero.<Long>getAs("count")).isZero();
        assertThat(table("gold/series_catalog")
                        .where(col("series_id").equalTo("all/bronx"))
                        .first()
                        .<Long>getAs("days"))
                .isEqualTo(2);
        assertThat(lake.resolve("gold/daily_features"))
                .as("no features table: nothing read it")
                .doesNotExist();
    }

    @Test
    @Order(7)
    void theExtractHoldsGoldAsOfTheVersionsTheRunLeftAndARetryWritesNoOther() throws Exception {
        Map<String, Long> versions = versions();
        long seriesVersion = versions.get("gold/daily_series");
        long catalogVersion = versions.get("gold/series_catalog");
        Path manifestFile = lake.resolve(GoldExtractLayout.MANIFEST);
        GoldExtractManifest manifest = GoldExtractFiles.readManifest(Files.readAllBytes(manifestFile));

        assertThat(manifest.isAt(seriesVersion, catalogVersion)).isTrue();
        List<DailySeriesRow> extracted = new java.util.ArrayList<>();
        try (var in = Files.newInputStream(lake.resolve(manifest.dailySeries()))) {
            assertThat(GoldExtractFiles.readDailySeries(in, extracted::add)).isEqualTo(manifest.dailySeriesRows());
        }
        List<DailySeriesRow> gold = table("gold/daily_series").orderBy("series_id", "date").collectAsList().stream()
                .map(row -> new DailySeriesRow(
                        row.getAs("series_id"),
                        row.<java.sql.Date>getAs("date").toLocalDate(),
                        row.<Long>getAs("count")))
                .toList();
        assertThat(extracted).isEqualTo(gold);
        List<CatalogRow> catalog;
        try (var in = Files.newInputStream(lake.resolve(manifest.seriesCatalog()))) {
            catalog = GoldExtractFiles.readCatalog(in);
        }
        assertThat(catalog).hasSize((int) manifest.seriesCatalogRows());
        assertThat(catalog.stream().map(CatalogRow::seriesId).toList())
                .isEqualTo(table("gold/series_catalog")
                        .orderBy("series_id")
                        .select("series_id")
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList());
        CatalogRow bronx = catalog.stream()
                .filter(row -> row.seriesId().equals("all/bronx"))
                .findFirst()
                .orElseThrow();
        assertThat(bronx.days()).isEqualTo(2);
        assertThat(bronx.level()).isEqualTo("borough");

        long written = Files.getLastModifiedTime(manifestFile).toMillis();
        runBatch("run-2"); // a retry: gold's versions do not move, so neither does the extract
        assertThat(versions()).isEqualTo(versions);
        assertThat(Files.getLastModifiedTime(manifestFile).toMillis()).isEqualTo(written);
        // the first run's extract and run-2's: each version pair its own folder, the older ones kept for readers
        try (var folders = Files.list(lake.resolve(GoldExtractLayout.ROOT))) {
            assertThat(folders.filter(Files::isDirectory)
                            .map(f -> f.getFileName().toString()))
                    .contains("v" + seriesVersion + "-" + catalogVersion)
                    .hasSizeBetween(2, 2 + GoldExtractLayout.KEEP_PREVIOUS);
        }
    }

    @Test
    @Order(8)
    void exportGoldWritesOneCsvRowPerDateTypeAndBoroughWithRequests() throws Exception {
        Path csv = lake.resolve("export/gold.csv");
        new ExportGold().run(spark, JobArgs.parse("--lake-root", lake.toString(), "--output", csv.toString()));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("date,complaint_type,borough,count");
        assertThat(lines)
                .contains(
                        "2026-04-11,Noise - Street/Sidewalk,BROOKLYN,1",
                        "2026-04-12,Paint/Plaster,MANHATTAN,1",
                        "2026-04-12,Paint/Plaster,UNSPECIFIED,1");
        assertThat(lines.subList(1, lines.size()).stream()
                        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1)))
                        .sum())
                .isEqualTo(7);
    }

    @Test
    @Order(9)
    void aBatchStrandedInBronzeByADeadRunIsTakenByTheNextRunAndRetentionTrimsOnlyGold() throws Exception {
        RawLanding.land(lake, "2026-04-15", "ing-3", "batch3.jsonl");
        // a run that died after bronze: its rows (unique_key 1010) are in bronze, under its own run id only
        new BronzeStage().run(spark, JobArgs.parse("--lake-root", lake.toString(), "--run-id", "run-died"));
        JobArgs args = JobArgs.parse("--lake-root", lake.toString(), "--run-id", "run-3", "--gold-retention-days", "2");
        new BronzeStage().run(spark, args);
        new SilverStage(Clock.fixed(NOW, ZoneOffset.UTC)).run(spark, args);
        new GoldStage().run(spark, args);

        assertThat(silverRow("1010").<String>getAs("complaint_type_key")).isEqualTo("missed-collection");
        assertThat(result("run-3").get("silver").get("inserted").asLong()).isEqualTo(1);
        assertThat(goldByDate()).isEqualTo(Map.of(LocalDate.of(2026, 4, 13), 1L, LocalDate.of(2026, 4, 14), 1L));
        assertThat(table("gold/daily_series")
                        .agg(org.apache.spark.sql.functions.min("date"))
                        .first()
                        .getDate(0))
                .isEqualTo(java.sql.Date.valueOf("2026-04-13"));
        assertThat(table("silver/service_requests").count())
                .as("retention trims gold, never silver")
                .isEqualTo(8);
    }

    @Test
    @Order(10)
    void upkeepWaitsForItsWeekThenZOrdersSilverCompactsAndVacuumsWithoutChangingARow() throws Exception {
        // the first batch (BatchJob, in its own JVM) started the lake's upkeep clock instead of optimising
        assertThat(lake.resolve("_maintenance/last_run")).exists();
        List<String> tables = List.of(
                "bronze/service_requests",
                "silver/service_requests",
                "silver/quarantine",
                "silver/pipeline_metrics",
                "gold/daily_requests",
                "gold/daily_series",
                "gold/series_catalog");
        Map<String, List<String>> before = new TreeMap<>();
        tables.forEach(t -> before.put(t, rowsOf(t)));
        Map<String, Long> versionsBefore = versions();
        JobArgs args = JobArgs.parse("--lake-root", lake.toString(), "--retain-hours", "0");

        new MaintenanceStage(Clock.fixed(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC)).run(spark, args);
        assertThat(versions()).as("not due before its week").isEqualTo(versionsBefore);

        Clock weekLater = Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC);
        new MaintenanceStage(weekLater).run(spark, args);
        String silver = lake.resolve("silver/service_requests").toString();
        // VACUUM writes its own START and END commits after the OPTIMIZE
        List<Row> optimized = io.delta.tables.DeltaTable.forPath(spark, silver)
                .history()
                .where(col("operation").equalTo("OPTIMIZE"))
                .collectAsList();
        assertThat(optimized).hasSize(1);
        assertThat(optimized.get(0).<Long>getAs("version"))
                .isGreaterThan(versionsBefore.get("silver/service_requests"));
        assertThat(optimized
                        .get(0)
                        .<scala.collection.Map<String, String>>getAs("operationParameters")
                        .get("zOrderBy")
                        .get())
                .contains("unique_key");
        for (String t : tables) {
            assertThat(rowsOf(t)).as(t + " reads the same rows").isEqualTo(before.get(t));
            Path folder = lake.resolve(t);
            long onDisk;
            try (var files = Files.walk(folder)) {
                onDisk = files.filter(f -> f.toString().endsWith(".parquet")
                                && !f.toString().contains("_delta_log"))
                        .count();
            }
            assertThat(onDisk)
                    .as(t + ": VACUUM left only the current version's files")
                    .isEqualTo(table(t).inputFiles().length);
        }
        Map<String, Long> afterUpkeep = versions();
        new MaintenanceStage(weekLater).run(spark, args);
        assertThat(versions()).as("the clock moved: not due again the same day").isEqualTo(afterUpkeep);
    }

    @Test
    @Order(11)
    void aSeriesIsForecastableByItsRecentVolumeNotItsLifetimeMean() {
        // two years of days; "retired" had 50 a day for a year and nothing since, "young" started 40 days ago at 3 a
        // day
        LocalDate last = LocalDate.of(2026, 4, 30);
        List<Row> rows = new java.util.ArrayList<>();
        for (LocalDate day = last.minusDays(729); !day.isAfter(last); day = day.plusDays(1)) {
            rows.add(org.apache.spark.sql.RowFactory.create(
                    "retired/bronx", java.sql.Date.valueOf(day), day.isBefore(last.minusDays(364)) ? 50L : 0L));
            if (!day.isBefore(last.minusDays(39))) {
                rows.add(org.apache.spark.sql.RowFactory.create("young/bronx", java.sql.Date.valueOf(day), 3L));
            }
        }
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("series_id", "string")
                .add("date", "date")
                .add("count", "long");
        Dataset<Row> series = spark.createDataFrame(rows, schema)
                .withColumn("level", org.apache.spark.sql.functions.lit("complaint_type_borough"))
                .withColumn(
                        "complaint_type_key",
                        org.apache
                                .spark
                                .sql
                                .functions
                                .split(col("series_id"), "/")
                                .getItem(0))
                .withColumn("complaint_type", col("complaint_type_key"))
                .withColumn("borough_key", org.apache.spark.sql.functions.lit("bronx"));
        Map<String, Row> catalog = new TreeMap<>();
        org.nyc311.delta.gold.GoldTransform.seriesCatalog(series, 28, 0.5, 90)
                .collectAsList()
                .forEach(r -> catalog.put(r.getAs("series_id"), r));

        assertThat(catalog.get("retired/bronx").<Double>getAs("mean_count"))
                .as("lifetime mean")
                .isGreaterThan(20);
        assertThat(catalog.get("retired/bronx").<Boolean>getAs("forecastable"))
                .as("nothing for a year")
                .isFalse();
        assertThat(catalog.get("young/bronx").<Boolean>getAs("forecastable"))
                .as("40 days at 3 a day")
                .isTrue();
    }

    @Test
    @Order(12)
    void aDailyBatchReplacesOnlyItsOwnDaysOfTheSeriesAndEqualsARebuild() throws Exception {
        // the lake holds 04-13 and 04-14 (retention trimmed the rest); this batch brings 04-16 only, with a new type
        Dataset<Row> before = table("gold/daily_series").where(col("date").lt(java.sql.Date.valueOf("2026-04-15")));
        List<String> untouchedBefore =
                before.toJSON().collectAsList().stream().sorted().toList();
        RawLanding.land(lake, "2026-04-17", "ing-4", "batch4.jsonl");
        runBatch("run-4");

        assertThat(seriesRows())
                .as("incremental daily_series = a rebuild from daily_requests")
                .isEqualTo(rebuiltSeriesRows());
        assertThat(table("gold/daily_series")
                        .where(col("date").lt(java.sql.Date.valueOf("2026-04-15")))
                        .toJSON()
                        .collectAsList()
                        .stream()
                        .sorted()
                        .toList())
                .isEqualTo(untouchedBefore);
        long replaced = result("run-4").get("rowCounts").get("daily_series").asLong();
        assertThat(replaced)
                .as("rows written: the gap day 04-15 (a zero for every series) and 04-16, nothing older")
                .isEqualTo(table("gold/daily_series")
                        .where(col("date").geq(java.sql.Date.valueOf("2026-04-15")))
                        .count())
                .isLessThan(table("gold/daily_series").count());
        Row write = io.delta.tables.DeltaTable.forPath(
                        spark, lake.resolve("gold/daily_series").toString())
                .history(1)
                .first();
        assertThat(write.<String>getAs("operation")).isEqualTo("WRITE");
        assertThat(write.<scala.collection.Map<String, String>>getAs("operationMetrics")
                        .get("numRemovedFiles")
                        .get())
                .as("no file of the older days was rewritten")
                .isEqualTo("0");
        assertThat(table("gold/daily_series")
                        .where(col("series_id")
                                .equalTo("all/bronx")
                                .and(col("date").equalTo(java.sql.Date.valueOf("2026-04-15"))))
                        .first()
                        .<Long>getAs("count"))
                .isZero();
    }

    @Test
    @Order(13)
    void aLateRecordBeforeASeriesFirstDayAndASpellingThatTakesTheLeadRewriteTheirWholeSeries() throws Exception {
        // 1012: a new series whose first day (04-13) is older than gold's newest; 1013-1014: "Missed collection"
        // now outnumbers the "Missed Collection" of 1010 (04-14), whose rows must take the new name too
        RawLanding.land(lake, "2026-04-18", "ing-5", "batch5.jsonl");
        runBatch("run-5");

        assertThat(seriesRows())
                .as("incremental daily_series = a rebuild from daily_requests")
                .isEqualTo(rebuiltSeriesRows());
        assertThat(table("gold/daily_series")
                        .where(col("series_id").equalTo("paint-plaster/bronx"))
                        .orderBy("date")
                        .select("count")
                        .as(org.apache.spark.sql.Encoders.LONG())
                        .collectAsList())
                .containsExactly(1L, 0L, 0L, 0L);
        for (String t : List.of("gold/daily_requests", "gold/daily_series")) {
            assertThat(table(t).where(col("complaint_type_key").equalTo("missed-collection"))
                            .select("complaint_type")
                            .distinct()
                            .as(org.apache.spark.sql.Encoders.STRING())
                            .collectAsList())
                    .as(t + ": one name per type, the leading spelling")
                    .containsExactly("Missed collection");
        }
        assertThat(table("gold/series_catalog")
                        .where(col("series_id").equalTo("missed-collection/bronx"))
                        .first()
                        .<String>getAs("complaint_type"))
                .isEqualTo("Missed collection");
    }

    private static List<String> seriesRows() {
        return table("gold/daily_series").toJSON().collectAsList().stream()
                .sorted()
                .toList();
    }

    /** daily_series as a full rebuild would write it from the daily_requests now in gold. */
    private static List<String> rebuiltSeriesRows() {
        return org.nyc311.delta.gold.GoldTransform.dailySeries(table("gold/daily_requests"))
                .select(
                        table("gold/daily_series").columns()[0],
                        java.util.Arrays.stream(table("gold/daily_series").columns())
                                .skip(1)
                                .toArray(String[]::new))
                .toJSON()
                .collectAsList()
                .stream()
                .sorted()
                .toList();
    }

    private static List<String> rowsOf(String relative) {
        return table(relative).toJSON().collectAsList().stream().sorted().toList();
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

    private static Map<String, Long> versions() {
        Map<String, Long> versions = new TreeMap<>();
        for (String t : List.of(
                "bronze/service_requests",
                "silver/service_requests",
                "silver/quarantine",
                "gold/daily_requests",
                "gold/daily_series",
                "gold/series_catalog")) {
            versions.put(t, DeltaTables.version(spark, lake.resolve(t).toString()));
        }
        return versions;
    }
}
