package org.nyc311.launcher.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.launcher.Nyc311;
import org.nyc311.testsupport.mlflow.MlflowInstallation;
import picocli.CommandLine;

class PipelineCommandIT {

    private static final Path ROOT = MlflowInstallation.projectRoot();

    @Test
    void aWindowNeedsBothEnds() {
        StringWriter err = new StringWriter();
        CommandLine cli = Nyc311.commandLine().setErr(new PrintWriter(err));

        int exit = cli.execute("pipeline", "--source", "api", "--to", "2026-01-01");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("give both --from and --to, or neither");
    }

    @Test
    void aFolderWithoutAReplayableFileIsRefusedBeforeAnythingStarts(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("notes.txt"), "not a batch");
        StringWriter err = new StringWriter();
        CommandLine cli = Nyc311.commandLine().setErr(new PrintWriter(err));

        int exit = cli.execute(
                "pipeline",
                "--source",
                folder.toString(),
                "--workdir",
                folder.resolve("work").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(folder + " holds no .jsonl, .jsonl.gz, .csv or .csv.gz file");
        assertThat(folder.resolve("work")).doesNotExist();
    }

    /** The whole batch path for real: ingest's jar, then bronze, silver and gold in a local Spark JVM, then the export. */
    @Test
    void aFileBecomesGoldDailyCountsThatMatchTheRecordsByNewYorkDate(@TempDir Path work) throws Exception {
        Path ingestJar = ROOT.resolve("ingest-service/target/ingest-service.jar");
        Path deltaJobsJar = ROOT.resolve("delta-jobs/target/delta-jobs.jar");
        Assumptions.assumeTrue(
                Files.isRegularFile(ingestJar) && Files.isRegularFile(deltaJobsJar),
                "skipped: ingest-service or delta-jobs is not built; run the reactor (./mvnw verify)");
        // PostgreSQL runs as 'nobody' when the tests run as root: it must be able to walk into the work folder
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fixture = ROOT.resolve("ingest-service/src/test/resources/fixtures/soda-sample.jsonl");
        Path export = work.resolve("gold.csv");
        StringWriter out = new StringWriter();
        CommandLine cli = Nyc311.commandLine().setOut(new PrintWriter(out));

        int exit = cli.execute(
                "pipeline",
                "--source",
                fixture.toString(),
                "--workdir",
                work.toString(),
                "--export-gold",
                export.toString(),
                "--project-root",
                ROOT.toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("1/3 ingest", "2/3 bronze, silver, gold", "silver: run", "3/3 export gold");
        List<String> lines = Files.readAllLines(export);
        assertThat(lines.get(0)).isEqualTo("date,complaint_type,borough,count");
        Map<String, Long> exportedByDate = lines.stream()
                .skip(1)
                .map(line -> line.split(","))
                .collect(Collectors.groupingBy(
                        fields -> fields[0],
                        TreeMap::new,
                        Collectors.summingLong(fields -> Long.parseLong(fields[fields.length - 1]))));
        assertThat(exportedByDate).isEqualTo(countByFloatingDate(fixture));
        assertThat(lines.stream().skip(1))
                .allMatch(line -> Long.parseLong(line.substring(line.lastIndexOf(',') + 1)) > 0);
        try (var results = Files.list(work.resolve("s3/nyc311-lake/_pipeline_runs"))) {
            assertThat(results.map(run -> run.resolve("result.json")).filter(Files::isRegularFile))
                    .hasSize(1);
        }
    }

    /**
     * A city-sized folder as demo-city writes it, replayed file by file: two batches, two Spark runs,
     * and gold's counts equal a count of the generated records for every (New York date, type, borough).
     */
    @Test
    void aCityFeedFolderIsReplayedFileByFileAndGoldEqualsAnIndependentCount(@TempDir Path work) throws Exception {
        Path ingestJar = ROOT.resolve("ingest-service/target/ingest-service.jar");
        Path deltaJobsJar = ROOT.resolve("delta-jobs/target/delta-jobs.jar");
        Assumptions.assumeTrue(
                Files.isRegularFile(ingestJar) && Files.isRegularFile(deltaJobsJar),
                "skipped: ingest-service or delta-jobs is not built; run the reactor (./mvnw verify)");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path feed = work.resolve("feed");
        Path export = work.resolve("gold.csv");
        StringWriter out = new StringWriter();
        CommandLine cli = Nyc311.commandLine().setOut(new PrintWriter(out));
        assertThat(cli.execute(
                        "demo-city",
                        "--scale",
                        "nyc",
                        "--days",
                        "2",
                        "--to",
                        "2026-05-24",
                        "--daily-files",
                        "1",
                        "--output",
                        feed.toString()))
                .as(out.toString())
                .isZero();

        int exit = cli.execute(
                "pipeline",
                "--source",
                feed.toString(),
                "--workdir",
                work.resolve("run").toString(),
                "--export-gold",
                export.toString(),
                "--project-root",
                ROOT.toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains(
                        "batch 1 of 2: " + feed.resolve("backfill_2026-05-23_2026-05-23.jsonl.gz"),
                        "batch 2 of 2: " + feed.resolve("day_2026-05-24.jsonl.gz"));
        try (var results = Files.list(work.resolve("run/s3/nyc311-lake/_pipeline_runs"))) {
            assertThat(results.map(run -> run.resolve("result.json")).filter(Files::isRegularFile))
                    .hasSize(2);
        }
        assertThat(GoldAgainstFeed.goldCounts(export)).isEqualTo(GoldAgainstFeed.feedCounts(feed));
    }

    /** An independent count: the fixture's records by the date part of their floating (New York) created_date. */
    private static Map<String, Long> countByFloatingDate(Path fixture) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> counts = new TreeMap<>();
        for (String line : Files.readAllLines(fixture)) {
            if (!line.isBlank()) {
                JsonNode record = json.readTree(line);
                counts.merge(record.get("created_date").asText().substring(0, 10), 1L, Long::sum);
            }
        }
        return counts;
    }
}
