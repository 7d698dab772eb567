package org.nyc311.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.ingest.run.IngestionRequest;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.run.RunStatus;
import org.nyc311.testsupport.s3.S3Server;
import org.springframework.beans.factory.annotation.Autowired;

/** Files take the same path to the lake as the API: same parts, same manifest, same event. */
class FileReplayIT extends IngestIntegrationTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Autowired
    private IngestionService ingestions;

    private final Lake lake;

    FileReplayIT(S3Server s3) {
        this.lake = new Lake(s3.client());
    }

    @Test
    void sodaShapedJsonLinesLandLineForLineAndGzippedToo(@TempDir Path temp) throws Exception {
        Path jsonl = FIXTURES.resolve("soda-sample.jsonl");
        Path gz = temp.resolve("soda-sample.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(jsonl, out);
        }
        List<String> expected = Files.readAllLines(jsonl).stream()
                .filter(line -> !line.isBlank())
                .toList();

        for (Path file : List.of(jsonl, gz)) {
            IngestionRun run = ingestions.run(IngestionRequest.backfill(null, null, file.toString()));

            assertThat(run.status()).as(String.valueOf(run.failureReason())).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.recordCount()).isEqualTo(12);
            assertThat(run.window().from()).isEqualTo(LocalDateTime.of(2026, 5, 1, 0, 0));
            assertThat(lake.lines(run.batchPrefix() + "part-00000.json.gz")).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aFileWindowKeepsOnlyRecordsCreatedInsideIt() {
        IngestionRun run = ingestions.run(IngestionRequest.backfill(
                LocalDateTime.of(2026, 5, 2, 0, 0),
                LocalDateTime.of(2026, 5, 2, 23, 59, 59),
                FIXTURES.resolve("soda-sample.jsonl").toString()));

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.recordCount()).isEqualTo(4);
        assertThat(lake.records(run.batchPrefix()))
                .allSatisfy(record ->
                        assertThat(record.path("created_date").asText()).startsWith("2026-05-02T"));
    }

    @Test
    void theOpenDataCsvExportLandsInSodaShape() {
        IngestionRun run = ingestions.run(IngestionRequest.backfill(
                null, null, FIXTURES.resolve("opendata-export-sample.csv").toString()));

        assertThat(run.status()).as(String.valueOf(run.failureReason())).isEqualTo(RunStatus.COMPLETED);
        List<JsonNode> records = lake.records(run.batchPrefix());
        assertThat(records).hasSize(3);
        JsonNode first = records.get(0);
        assertThat(first.path("unique_key").asText()).isEqualTo("80000001");
        assertThat(first.path("created_date").asText()).isEqualTo("2023-02-28T23:45:00.000");
        assertThat(first.path("closed_date").asText()).isEqualTo("2023-03-01T01:00:00.000");
        assertThat(first.path("resolution_action_updated_date").asText()).isEqualTo("2023-03-01T01:00:00.000");
        assertThat(first.path("x_coordinate_state_plane").asText()).isEqualTo("982176");
        assertThat(first.path("intersection_street_1").asText()).isEqualTo("11 AVENUE");
        assertThat(first.path("resolution_description").asText()).contains("click \"Learn More\".");
        assertThat(first.path("location").path("latitude").asText()).isEqualTo("40.74821053178345");
        assertThat(first.path("location").path("longitude").asText()).isEqualTo("-74.00748519439084");
        assertThat(first.has("zip_codes"))
                .as("portal computed columns are not record fields")
                .isFalse();
        assertThat(first.has("police_precincts")).isFalse();
        assertThat(first.has("location_type"))
                .as("empty cells are left out, as SODA leaves out nulls")
                .isFalse();
        assertThat(records.get(1).path("created_date").asText()).isEqualTo("2023-02-28T00:05:09.000");
        assertThat(records.get(2).path("descriptor").asText()).isEqualTo("Trash, Litter");
        assertThat(records.get(2).path("due_date").asText()).isEqualTo("2023-03-14T12:00:00.000");
        for (JsonNode record : records) {
            assertEveryValueIsAString(record);
        }
        assertThat(run.window().from()).isEqualTo(LocalDateTime.of(2023, 2, 28, 0, 5, 9));
        assertThat(run.window().to()).isEqualTo(LocalDateTime.of(2023, 2, 28, 23, 45, 0));
    }

    @Test
    void replayingTheHundredThousandRealRecordsLandsAllOfThem() throws Exception {
        Path file = sharedRecords("soda_erm2-nwe9_2026-04_to_06.jsonl.gz");
        List<String> expected = new ArrayList<>(100_000);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    expected.add(line.strip());
                }
            }
        }

        IngestionRun run = ingestions.run(IngestionRequest.backfill(null, null, file.toString()));

        assertThat(run.status()).as(String.valueOf(run.failureReason())).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.recordCount()).isEqualTo(100_000);
        assertThat(run.partCount()).isEqualTo(4);
        List<String> landed = new ArrayList<>(100_000);
        for (int part = 0; part < run.partCount(); part++) {
            landed.addAll(lake.lines(run.batchPrefix() + String.format("part-%05d.json.gz", part)));
        }
        assertThat(landed).hasSize(100_000).isEqualTo(expected);
        Set<String> keys = new HashSet<>();
        landed.forEach(line -> keys.add(lake.json(line).path("unique_key").asText()));
        assertThat(keys).hasSize(100_000);
    }

    @Test
    void theRealOpenDataCsvExportLandsEveryRowMappedToSodaFields() {
        Path file = sharedRecords("opendata_csv_export_2023-02-28.csv");

        IngestionRun run = ingestions.run(IngestionRequest.backfill(null, null, file.toString()));

        assertThat(run.status()).as(String.valueOf(run.failureReason())).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.recordCount()).isEqualTo(4_999);
        List<JsonNode> records = lake.records(run.batchPrefix());
        assertThat(records).hasSize(4_999);
        JsonNode first = records.get(0);
        assertThat(first.path("unique_key").asText()).isEqualTo("56923577");
        assertThat(first.path("created_date").asText()).isEqualTo("2023-02-28T23:45:00.000");
        assertThat(first.path("complaint_type").asText()).isEqualTo("Traffic Signal Condition");
        assertThat(first.path("community_board").asText()).isEqualTo("04 MANHATTAN");
        assertThat(first.path("location").path("latitude").asText()).isEqualTo("40.74821053178345");
        assertThat(records).allSatisfy(record -> {
            assertThat(record.path("created_date").asText()).matches("2023-02-28T\\d\\d:\\d\\d:\\d\\d\\.000");
            assertEveryValueIsAString(record);
        });
        assertThat(records.stream()
                        .map(record -> record.path("unique_key").asText())
                        .distinct()
                        .count())
                .isEqualTo(4_999);
    }

    private static void assertEveryValueIsAString(JsonNode record) {
        Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("location")) {
                assertThat(field.getValue().isObject()).isTrue();
            } else {
                assertThat(field.getValue().isTextual()).as(field.getKey()).isTrue();
                assertThat(field.getValue().asText()).as(field.getKey()).isNotEmpty();
            }
        }
    }

    private static Path sharedRecords(String name) {
        String shared = System.getProperty("nyc311.shared-data", "../shared/data");
        Path file = Path.of(shared, "records", name);
        assumeTrue(
                Files.isRegularFile(file), "real NYC 311 data absent (" + file + "); the fixtures cover the same path");
        return file;
    }
}
