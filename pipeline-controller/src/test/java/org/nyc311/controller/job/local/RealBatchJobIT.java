package org.nyc311.controller.job.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.nyc311.controller.ControllerIntegrationTest;
import org.nyc311.controller.TestQueues;
import org.nyc311.controller.run.PipelineRun;
import org.nyc311.controller.run.PipelineRunRepository;
import org.nyc311.controller.run.RunState;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.model.ingest.IngestionWindow;
import org.nyc311.testsupport.events.LandedBatches;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local path for real: delta-jobs' own BatchJob on local Spark, in a child JVM, over a raw batch
 * landed in s3proxy's folder of the lake bucket, ending in GoldRefreshed. Needs delta-jobs built
 * ({@code delta-jobs/target/delta-jobs.jar} and {@code .classpath}); skipped otherwise.
 */
@EnabledIf(
        value = "deltaJobsBuilt",
        disabledReason =
                "delta-jobs is not built: run ./mvnw -pl delta-jobs -am package -DskipTests to run the real local job")
@TestPropertySource(properties = "nyc311.controller.runner=local")
class RealBatchJobIT extends ControllerIntegrationTest {

    private static final String INGESTION_RUN = "real-local-1";

    static Path deltaJobsTarget() {
        return Path.of(System.getProperty("nyc311.project-root", ".."))
                .resolve("delta-jobs/target")
                .toAbsolutePath();
    }

    static boolean deltaJobsBuilt() {
        return Files.isRegularFile(deltaJobsTarget().resolve("delta-jobs.classpath"))
                && Files.isRegularFile(deltaJobsTarget().resolve("delta-jobs.jar"));
    }

    @DynamicPropertySource
    static void realJob(DynamicPropertyRegistry registry) throws IOException {
        Path logs = Files.createTempDirectory("nyc311-real-batch-");
        registry.add(
                "nyc311.controller.local.delta-jobs-jar",
                () -> deltaJobsTarget().resolve("delta-jobs.jar").toString());
        registry.add(
                "nyc311.controller.local.classpath-file",
                () -> deltaJobsTarget().resolve("delta-jobs.classpath").toString());
        registry.add(
                "nyc311.controller.local.lake-root",
                () -> s3.baseDirectory().resolve(BUCKET).toString());
        registry.add("nyc311.controller.local.log-directory", logs::toString);
        registry.add("nyc311.controller.local.timeout", () -> "8m");
        // a list property is replaced whole: repeat application.yml's options, with a small heap and few partitions
        java.util.List<String> options = java.util.List.of(
                "-Xmx1g",
                "-Duser.timezone=UTC",
                "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.ui.enabled=false",
                "-Dspark.sql.shuffle.partitions=2");
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            registry.add("nyc311.controller.local.jvm-options[" + i + "]", () -> option);
        }
        registry.add("nyc311.controller.retry.max-attempts", () -> "1");
    }

    @Autowired
    private PipelineRunRepository runs;

    @Autowired
    private S3Client s3Client;

    @Test
    void theRealBatchJobTurnsALandedBatchIntoGoldRefreshed() throws Exception {
        String prefix = "raw/nyc311/ingestion_date=2026-06-28/run=" + INGESTION_RUN + "/";
        byte[] records = fixture("/raw/requests.jsonl");
        s3Client.putObject(
                r -> r.bucket(BUCKET).key(prefix + "part-00000.json.gz"), RequestBody.fromBytes(gzip(records)));
        s3Client.putObject(
                r -> r.bucket(BUCKET).key(prefix + "_manifest.json"),
                RequestBody.fromString("{\"runId\": \"" + INGESTION_RUN
                        + "\", \"files\": [\"part-00000.json.gz\"], \"records\": 13}"));
        RawBatchLanded event = LandedBatches.landed(
                Clock.fixed(Instant.parse("2026-06-28T14:00:00Z"), ZoneOffset.UTC),
                INGESTION_RUN,
                BUCKET,
                new IngestionWindow(
                        IngestionWindow.Kind.BACKFILL,
                        LocalDateTime.parse("2026-06-25T00:00:00"),
                        LocalDateTime.parse("2026-06-28T00:00:00")),
                13);
        TestQueues queues = new TestQueues(sqs);

        queues.sendRawBatch(new EventJson().write(event));

        await().atMost(Duration.ofMinutes(9))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> finished().isPresent());
        PipelineRun run = finished().orElseThrow();
        assertThat(run.state()).as("run error: %s", run.error()).isEqualTo(RunState.SUCCEEDED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !queues.goldRefreshedFor(run.id().toString()).isEmpty());
        GoldRefreshed refreshed = queues.goldRefreshedFor(run.id().toString()).get(0);

        // the event carries exactly what the job wrote in the lake
        Path resultFile = s3.baseDirectory().resolve(BUCKET).resolve("_pipeline_runs/" + run.id() + "/result.json");
        JsonNode result = new ObjectMapper().readTree(resultFile.toFile());
        assertThat(refreshed.ingestionRunIds()).containsExactly(INGESTION_RUN);
        assertThat(refreshed.latestCompleteDate())
                .isEqualTo(LocalDate.parse(result.get("latestCompleteDate").asText()));
        assertThat(refreshed.latestCompleteDate()).isBetween(LocalDate.of(2026, 6, 24), LocalDate.of(2026, 6, 27));
        assertThat(refreshed.tableVersions())
                .isEqualTo(longs(result.get("tableVersions")))
                .isNotEmpty();
        assertThat(refreshed.rowCounts())
                .isEqualTo(longs(result.get("rowCounts")))
                .isNotEmpty();
        assertThat(refreshed.rowCounts().values()).anyMatch(count -> count > 0);
        assertThat(result.get("silver").get("recordsIn").asLong()).isEqualTo(13);
        assertThat(run.result().newestCreatedAt()).isNotNull();
    }

    private Optional<PipelineRun> finished() {
        return runs.list(null, 10).stream()
                .filter(r ->
                        r.ingestionRunIds().contains(INGESTION_RUN) && r.state().isTerminal())
                .findFirst();
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> values = new TreeMap<>();
        object.fields()
                .forEachRemaining(
                        field -> values.put(field.getKey(), field.getValue().asLong()));
        return values;
    }

    private static byte[] fixture(String resource) throws IOException {
        try (InputStream in = RealBatchJobIT.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
