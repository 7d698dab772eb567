package org.nyc311.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nyc311.faults.support.Reconciliation;
import org.nyc311.faults.support.ServiceJvm;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;
import org.nyc311.testsupport.net.LoggedProcess;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;

/**
 * Fault 1: the pipeline job dies after silver committed and before gold, and is retried under the same
 * run id; and a batch is run again by hand under a new run id. Real lake on disk, delta-jobs' BatchJob on
 * local Spark in child JVMs, killed with {@code kill -9} at the moment a commit file appears in the Delta
 * log. After every retry and rerun, gold's daily counts (read back through BatchJob's {@code --export-gold})
 * equal an independent count of the deduplicated input, computed here in plain Java.
 *
 * <p>The cases share one lake, in order: (B) a kill between silver's MERGE and its metrics row, (A) a kill
 * after silver's metrics row, before gold, (C) gold restored to before batch 2, then a manual rerun of
 * batch 2 under a new run id. Five Spark starts in all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(TokenIssuerExtension.class)
class GoldRetryAfterSilverCommittedIT {

    private static final String FAULT = "1. gold retry after silver committed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
    private static final String[] TYPES = {"Noise - Residential", "Illegal Parking", "HEAT/HOT WATER"};
    private static final String[] BOROUGHS = {"BROOKLYN", "QUEENS", "MANHATTAN", "BRONX", "STATEN ISLAND", "Unspecified"
    };

    @TempDir
    static Path work;

    private static Path lake;
    private static Path logs;
    /** Every raw line landed so far, in landing order: the source the independent count reads. */
    private static final List<String> landedLines = new ArrayList<>();

    @BeforeAll
    static void lake() throws IOException {
        lake = work.resolve("lake");
        logs = ServiceJvm.projectRoot().resolve("fault-tests/target/fault-logs/GoldRetryAfterSilverCommittedIT");
        Files.createDirectories(logs);
        Files.writeString(work.resolve("log4j2.properties"), """
                rootLogger.level = warn
                rootLogger.appenderRef.stdout.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n
                """);
    }

    @Test
    @Order(1)
    void aKillBetweenSilversMergeAndItsMetricsRowIsRetriedToTheFirstAttemptsResult() throws Exception {
        land("2026-11-04", "ing-1", batch1());
        Delta silver = new Delta(lake.resolve("silver/service_requests"));
        Delta metrics = new Delta(lake.resolve("silver/pipeline_metrics"));
        int metricsBefore = metrics.commits().size();

        // the job dies the moment silver's MERGE commit is on disk
        killWhen("r1-killed", () -> silver.hasCommit("MERGE"), args("r1"));
        assertThat(silver.hasCommitOf("r1"))
                .as("the MERGE carries the run id: that is how the retry finds it")
                .isTrue();
        assertThat(metrics.commits())
                .as("the kill came before silver's metrics row")
                .hasSize(metricsBefore);
        assertThat(lake.resolve("_pipeline_runs/r1/result.json")).doesNotExist();

        Path gold = run(
                "r1-retry",
                args("r1", "--export-gold", work.resolve("gold-r1.csv").toString()));

        JsonNode counts = result("r1").get("silver");
        assertThat(counts.get("inserted").asLong())
                .as("the retry reports the first attempt's inserts, not duplicates")
                .isEqualTo(independent().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
        assertThat(counts.get("duplicates").asLong()).isEqualTo(2);
        assertThat(counts.get("quarantined").asLong()).isEqualTo(1);
        reconcile("B: kill between silver MERGE and metrics, same run id retried", gold);
    }

    @Test
    @Order(2)
    void aKillAfterSilverBeforeGoldIsRetriedWithEveryDateSilverTouched() throws Exception {
        land("2026-11-05", "ing-2", batch2());
        copy(lake.resolve("gold"), work.resolve("gold-before-batch-2"));
        Delta metrics = new Delta(lake.resolve("silver/pipeline_metrics"));
        Delta daily = new Delta(lake.resolve("gold/daily_requests"));
        int metricsBefore = metrics.commits().size();
        int dailyBefore = daily.commits().size();

        // the job dies the moment silver's metrics row is committed: silver is done, gold has not begun
        killWhen("r2-killed", () -> metrics.commits().size() > metricsBefore, args("r2"));
        assertThat(daily.commits()).as("the kill came before gold wrote").hasSize(dailyBefore);
        assertThat(lake.resolve("_pipeline_runs/r2/result.json")).doesNotExist();

        Path gold = run(
                "r2-retry",
                args("r2", "--export-gold", work.resolve("gold-r2.csv").toString()));

        JsonNode counts = result("r2").get("silver");
        assertThat(counts.get("inserted").asLong()).isEqualTo(12);
        assertThat(counts.get("updated").asLong()).isEqualTo(1);
        assertThat(counts.get("duplicates").asLong()).isEqualTo(9);
        // F1013 moved from the 1st to the 4th: both dates are rebuilt, or the 1st keeps counting it
        assertThat(counts.get("touchedDates").toString()).contains("2026-11-01", "2026-11-04");
        reconcile("A: kill after silver, before gold, same run id retried", gold);
    }

    @Test
    @Order(3)
    void aManualRerunOfABatchUnderANewRunIdRebuildsTheGoldDatesItTouches() throws Exception {
        // gold as a lost gold step leaves it: batch 2 never counted (F1013 still on the 1st)
        deleteTree(lake.resolve("gold"));
        copy(work.resolve("gold-before-batch-2"), lake.resolve("gold"));

        Path gold = run(
                "r3-rerun",
                args(
                        "r3",
                        "--ingestion-runs",
                        "ing-2",
                        "--export-gold",
                        work.resolve("gold-r3.csv").toString()));

        JsonNode counts = result("r3").get("silver");
        assertThat(counts.get("recordsIn").asLong()).isEqualTo(22);
        assertThat(counts.get("inserted").asLong() + counts.get("updated").asLong())
                .as("silver already held batch 2")
                .isZero();
        reconcile("C: manual rerun of batch 2 under a new run id over a gold without it", gold);
    }

    // --- the fixture: SODA-shaped records over five New York dates, three types, six boroughs ---

    private static String record(String key, String created, String type, String borough, String updatedAt) {
        return "{\"unique_key\":\"" + key + "\",\"created_date\":\"" + created + "\",\"agency\":\"NYPD\","
                + "\"agency_name\":\"New York City Police Department\",\"complaint_type\":\"" + type + "\","
                + "\"descriptor\":\"Loud Music/Party\",\"borough\":\"" + borough + "\",\"status\":\"Open\","
                + "\"latitude\":\"40.7\",\"longitude\":\"-73.9\",\":id\":\"row-" + key + "\",\":created_at\":\""
                + updatedAt + "\",\":updated_at\":\"" + updatedAt + "\"}";
    }

    /** F1001-F1030 on the 1st to 3rd (late evening, the small hours of the DST change), a repeat, a stale version, a bad row. */
    private static List<String> batch1() {
        List<String> lines = new ArrayList<>();
        lines.add(record("F1010", "2026-11-02T10:00:00.000", TYPES[0], "QUEENS", "2026-11-03T06:00:00.000Z"));
        for (int i = 0; i < 30; i++) {
            lines.add(batch1Record(i));
        }
        lines.add(batch1Record(4)); // F1005 again, the same record
        lines.add("{\"created_date\":\"2026-11-02T10:00:00.000\",\"complaint_type\":\"Illegal Parking\"}"); // no key
        return lines;
    }

    private static String batch1Record(int i) {
        String time = switch (i % 4) {
            case 0 -> "23:45:00.000";
            case 1 -> "01:30:00.000";
            default -> String.format("%02d:15:00.000", 7 + i % 12);
        };
        return record(
                "F" + (1001 + i),
                "2026-11-0" + (1 + i % 3) + "T" + time,
                TYPES[i % 3],
                BOROUGHS[i % 6],
                "2026-11-04T06:00:00.000Z");
    }

    /** F1001-F1008 again, F1013 moved from the 1st to the 4th, a stale F1014, F2001-F2012 on the 3rd to 5th. */
    private static List<String> batch2() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lines.add(batch1Record(i));
        }
        lines.add(record("F1013", "2026-11-04T08:30:00.000", TYPES[0], "BROOKLYN", "2026-11-05T06:00:00.000Z"));
        lines.add(record("F1014", "2026-11-02T09:00:00.000", TYPES[2], "BRONX", "2026-11-03T06:00:00.000Z"));
        for (int i = 0; i < 12; i++) {
            lines.add(record(
                    "F" + (2001 + i),
                    "2026-11-0" + (3 + i % 3) + "T" + String.format("%02d:40:00.000", 8 + i),
                    TYPES[(i + 1) % 3],
                    BOROUGHS[(i + 2) % 6],
                    "2026-11-05T06:00:00.000Z"));
        }
        return lines;
    }

    /** Lands a batch as ingest-service does: {@code raw/nyc311/ingestion_date=D/run=R/part-00000.json.gz}. */
    private static void land(String ingestionDate, String ingestionRun, List<String> lines) throws IOException {
        Path folder = lake.resolve("raw/nyc311/ingestion_date=" + ingestionDate + "/run=" + ingestionRun);
        Files.createDirectories(folder);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("part-00000.json.gz")))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(folder.resolve("_manifest.json"), "{\"ingestionRunId\":\"" + ingestionRun + "\"}");
        landedLines.addAll(lines);
    }

    // --- the independent count: plain Java over the landed lines ---

    /** Gold's key: New York date, complaint type (display form), borough (enum name). */
    record Cell(LocalDate date, String type, String borough) {}

    /**
     * One count per cell of the deduplicated input: records with a unique key and a created date, the
     * latest {@code :updated_at} of each key winning (the later landing on a tie), counted on the New York
     * date of {@code created_date} (the feed's timestamps are New York wall-clock time).
     */
    private static Map<Cell, Long> independent() throws IOException {
        Map<String, JsonNode> latest = new HashMap<>();
        for (String line : landedLines) {
            JsonNode record = JSON.readTree(line);
            if (!record.hasNonNull("unique_key") || !record.hasNonNull("created_date")) {
                continue;
            }
            JsonNode previous = latest.get(record.get("unique_key").asText());
            if (previous == null
                    || previous.path(":updated_at")
                                    .asText()
                                    .compareTo(record.path(":updated_at").asText())
                            <= 0) {
                latest.put(record.get("unique_key").asText(), record);
            }
        }
        Map<Cell, Long> counts = new TreeMap<>(
                Comparator.comparing(Cell::date).thenComparing(Cell::type).thenComparing(Cell::borough));
        for (JsonNode record : latest.values()) {
            Cell cell = new Cell(
                    LocalDate.parse(record.get("created_date").asText().substring(0, 10)),
                    ComplaintType.fromSource(record.get("complaint_type").asText())
                            .display(),
                    Borough.fromSource(record.path("borough").asText(null)).name());
            counts.merge(cell, 1L, Long::sum);
        }
        return counts;
    }

    // --- what the lake holds ---

    private static Map<Cell, Long> goldCsv(Path csv) throws IOException {
        Map<Cell, Long> counts = new TreeMap<>(
                Comparator.comparing(Cell::date).thenComparing(Cell::type).thenComparing(Cell::borough));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("date,complaint_type,borough,count");
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            assertThat(fields).as("no commas in the fixture's types: " + line).hasSize(4);
            counts.merge(
                    new Cell(LocalDate.parse(fields[0]), fields[1], fields[2]), Long.parseLong(fields[3]), Long::sum);
        }
        return counts;
    }

    /** Distinct unique keys in the raw parts on disk. */
    private static long landedKeys() throws IOException {
        Set<String> keys = new HashSet<>();
        try (Stream<Path> parts = Files.walk(lake.resolve("raw/nyc311"))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".json.gz"))
                    .toList()) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(part)), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        JsonNode record = JSON.readTree(line);
                        if (record.hasNonNull("unique_key")) {
                            keys.add(record.get("unique_key").asText());
                        }
                    }
                }
            }
        }
        return keys.size();
    }

    private static JsonNode result(String runId) throws IOException {
        return JSON.readTree(
                lake.resolve("_pipeline_runs/" + runId + "/result.json").toFile());
    }

    private static void reconcile(String label, Path goldCsv) throws IOException {
        Map<Cell, Long> expected = independent();
        Map<Cell, Long> gold = goldCsv(goldCsv);
        long lost = 0;
        long duplicated = 0;
        Set<Cell> cells = new HashSet<>(expected.keySet());
        cells.addAll(gold.keySet());
        for (Cell cell : cells) {
            long difference = gold.getOrDefault(cell, 0L) - expected.getOrDefault(cell, 0L);
            lost += Math.max(0, -difference);
            duplicated += Math.max(0, difference);
        }
        Reconciliation figures = new Reconciliation(
                        FAULT + " / " + label,
                        expected.values().stream().mapToLong(Long::longValue).sum(),
                        landedKeys(),
                        new Delta(lake.resolve("silver/service_requests")).rows(),
                        gold.values().stream().mapToLong(Long::longValue).sum(),
                        lost,
                        duplicated)
                .print();
        assertThat(figures.lost()).as("records gold does not count").isZero();
        assertThat(figures.duplicated()).as("records gold counts twice").isZero();
        assertThat(gold).as("gold by New York date, type and borough").isEqualTo(expected);
        assertThat(figures.silver()).isEqualTo(figures.in());
    }

    // --- delta-jobs' BatchJob in a child JVM, as pipeline-controller's LocalJobRunner starts it ---

    private static List<String> args(String runId, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--spark-master",
                "local[2]",
                "--shuffle-partitions",
                "1",
                "--lake-root",
                lake.toString(),
                "--run-id",
                runId));
        args.addAll(List.of(more));
        return args;
    }

    private static LoggedProcess start(String name, List<String> args) throws IOException {
        Path target = ServiceJvm.projectRoot().resolve("delta-jobs/target");
        Path jar = target.resolve("delta-jobs.jar");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(target.resolve("delta-jobs.classpath"))) {
            throw new IOException(jar + " is missing: run the suite with ./mvnw -pl fault-tests -am verify");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.stream(Files.readString(target.resolve("spark-jvm-flags.txt"))
                        .strip()
                        .split("\\s+"))
                .filter(flag -> !flag.isBlank())
                .toList());
        // C1 only and the serial collector: a minute's job on a few dozen rows spends more on C2 than it gains
        command.addAll(List.of(
                "-Xmx1g",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Duser.timezone=UTC",
                "-Dlog4j2.configurationFile=" + work.resolve("log4j2.properties"),
                "-cp",
                jar + ":"
                        + Files.readString(target.resolve("delta-jobs.classpath"))
                                .strip(),
                "org.nyc311.delta.BatchJob"));
        command.addAll(args);
        Path log = logs.resolve(name + ".log");
        Files.deleteIfExists(log);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()); // Spark leaves spark-warehouse/ there
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1"); // loopback only, whatever the host name resolves to
        return LoggedProcess.start(name, builder, log, Duration.ofSeconds(5));
    }

    /** Runs the job to its end and returns the gold CSV it exported. */
    private static Path run(String name, List<String> args) throws Exception {
        long started = System.nanoTime();
        try (LoggedProcess job = start(name, args)) {
            boolean ended = job.handle()
                            .onExit()
                            .completeOnTimeout(null, JOB_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                            .join()
                    != null;
            assertThat(ended)
                    .as(name + " ended within " + JOB_TIMEOUT + ":\n" + job.tail(30))
                    .isTrue();
            assertThat(job.exitValue())
                    .as(name + " exit; " + job.log() + ":\n" + job.tail(40))
                    .isZero();
            System.out.printf(
                    "%s: exit 0 after %d s%n",
                    name, Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
        return Path.of(args.get(args.indexOf("--export-gold") + 1));
    }

    /** Starts the job and kills it ({@code kill -9}) the moment {@code now} holds, polling every few milliseconds. */
    private static void killWhen(String name, BooleanSupplier now, List<String> args) throws Exception {
        long started = System.nanoTime();
        try (LoggedProcess job = start(name, args)) {
            Instant deadline = Instant.now().plus(JOB_TIMEOUT);
            while (!now.getAsBoolean()) {
                assertThat(job.isAlive())
                        .as(name + " ended before the fault could be injected; " + job.log() + ":\n" + job.tail(40))
                        .isTrue();
                assertThat(Instant.now())
                        .as(name + ": the moment to kill never came")
                        .isBefore(deadline);
                Thread.sleep(5);
            }
            ProcessHandle root = job.handle();
            List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
            tree.add(0, root);
            tree.forEach(ProcessHandle::destroyForcibly);
            root.onExit().join();
            System.out.printf(
                    "%s: killed (kill -9) after %d s%n",
                    name, Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
    }

    // --- a Delta table's log, read in plain Java: commits, their user metadata, live rows ---

    /** One Delta table's {@code _delta_log}: commit files appear whole (written aside, then renamed). */
    record Delta(Path table) {

        List<Path> commits() {
            Path log = table.resolve("_delta_log");
            if (!Files.isDirectory(log)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(log)) {
                return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether a commit did {@code operation} (MERGE, WRITE, ...). */
        boolean hasCommit(String operation) {
            return commits().stream()
                    .anyMatch(commit -> actions(commit).stream()
                            .anyMatch(a -> operation.equals(
                                    a.path("commitInfo").path("operation").asText(null))));
        }

        /** Whether a commit carries {@code runId} as its user metadata: silver's MERGE of that run. */
        boolean hasCommitOf(String runId) {
            return commits().stream()
                    .anyMatch(commit -> actions(commit).stream()
                            .anyMatch(a -> runId.equals(
                                    a.path("commitInfo").path("userMetadata").asText(null))));
        }

        /** Rows of the current version: the add actions' record counts, less the removed files. */
        long rows() {
            Map<String, Long> live = new HashMap<>();
            for (Path commit : commits()) {
                for (JsonNode action : actions(commit)) {
                    if (action.has("add")) {
                        live.put(action.get("add").get("path").asText(), numRecords(action.get("add")));
                    } else if (action.has("remove")) {
                        live.remove(action.get("remove").get("path").asText());
                    }
                }
            }
            return live.values().stream().mapToLong(Long::longValue).sum();
        }

        private static long numRecords(JsonNode add) {
            try {
                return JSON.readTree(add.get("stats").asText())
                        .get("numRecords")
                        .asLong();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static List<JsonNode> actions(Path commit) {
            try {
                List<JsonNode> actions = new ArrayList<>();
                for (String line : Files.readAllLines(commit)) {
                    if (!line.isBlank()) {
                        actions.add(JSON.readTree(line));
                    }
                }
                return actions;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // --- files ---

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
