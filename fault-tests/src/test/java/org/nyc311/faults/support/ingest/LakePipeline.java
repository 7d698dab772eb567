package org.nyc311.faults.support.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.nyc311.faults.support.Reconciliation;
import org.nyc311.faults.support.ServiceJvm;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.ComplaintType;
import org.nyc311.testsupport.net.LoggedProcess;

/**
 * The medallion over a local lake, as pipeline-controller runs it locally: delta-jobs' mains in a
 * child JVM with local Spark ({@code target/delta-jobs.jar}, {@code target/delta-jobs.classpath} and
 * the flags of {@code target/spark-jvm-flags.txt}); then the reconciliation of what the source holds
 * against gold's daily counts, by New York date, complaint type and borough.
 */
public final class LakePipeline {

    private final Path lakeRoot;
    private final Path logs;

    public LakePipeline(Path lakeRoot, Path logs) {
        this.lakeRoot = lakeRoot;
        this.logs = logs;
    }

    /** Bronze, silver and gold for one pipeline run id (BatchJob); fails with the log's tail unless it exits 0. */
    public JsonNode batch(String runId) throws IOException, InterruptedException {
        run(
                "org.nyc311.delta.BatchJob",
                runId,
                "--lake-root",
                lakeRoot.toString(),
                "--run-id",
                runId,
                "--spark-master",
                "local[2]",
                "--shuffle-partitions",
                "2");
        return IngestRig.json(Files.readString(
                lakeRoot.resolve("_pipeline_runs").resolve(runId).resolve("result.json")));
    }

    /** Bronze alone, as a pipeline run that a batch landing elsewhere triggers would run it. */
    public void bronze(String runId) throws IOException, InterruptedException {
        run(
                "org.nyc311.delta.bronze.BronzeJob",
                runId,
                "--lake-root",
                lakeRoot.toString(),
                "--run-id",
                runId,
                "--spark-master",
                "local[2]");
    }

    /**
     * Every raw file bronze has taken, as lake-relative keys, once per time it was taken: read from its
     * streaming file source's log in the checkpoint ({@code sources/0/<batch>}, one JSON line per file).
     */
    public List<String> filesTakenByBronze() throws IOException {
        Path log = lakeRoot.resolve("_checkpoints")
                .resolve("bronze_service_requests")
                .resolve("sources")
                .resolve("0");
        List<String> taken = new ArrayList<>();
        if (!Files.isDirectory(log)) {
            return taken;
        }
        List<Path> batches;
        try (var files = Files.list(log)) {
            batches = files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        String root = lakeRoot.toAbsolutePath().normalize().toString() + "/";
        for (Path batch : batches) {
            for (String line : Files.readAllLines(batch)) {
                if (line.startsWith("{")) {
                    String path = java.net
                            .URI
                            .create(IngestRig.json(line).path("path").asText())
                            .getPath();
                    taken.add(path.startsWith(root) ? path.substring(root.length()) : path);
                }
            }
        }
        return taken;
    }

    /** Gold's daily counts: (New York date, complaint type, borough) to count. */
    public Map<String, Long> gold() throws IOException, InterruptedException {
        Path csv = logs.resolve("gold-" + System.nanoTime() + ".csv");
        run(
                "org.nyc311.delta.gold.ExportGold",
                "export-gold",
                "--lake-root",
                lakeRoot.toString(),
                "--output",
                csv.toString(),
                "--spark-master",
                "local[2]");
        return goldCounts(csv);
    }

    /** ExportGold's file summed by group: (New York date, complaint type, borough) to count. */
    static Map<String, Long> goldCounts(Path csv) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        // through Jackson's CSV, as written: a complaint type may hold a comma, a quote or a line break
        try (MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv.toFile())) {
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                counts.merge(
                        group(row.get("date"), row.get("complaint_type"), row.get("borough")),
                        Long.parseLong(row.get("count")),
                        Long::sum);
            }
        }
        return counts;
    }

    /** The group a record counts in, computed here independently of silver: date of its floating created_date, type, borough. */
    public static String groupOf(ObjectNode record) {
        String date = LocalDateTime.parse(record.path("created_date").asText())
                .toLocalDate()
                .toString();
        String type =
                ComplaintType.fromSource(record.path("complaint_type").asText()).display();
        String borough = Borough.fromSource(record.path("borough").asText()).name();
        return group(date, type, borough);
    }

    /** A group's key: unambiguous without quoting, since the date has a fixed width and no borough holds a comma. */
    private static String group(String date, String complaintType, String borough) {
        return date + "," + complaintType + "," + borough;
    }

    /**
     * The figures: {@code in} distinct keys at the source (its final state), {@code landed} distinct keys
     * in the raw parts, {@code silver} rows inserted into silver over the given pipeline runs, {@code gold}
     * the sum of gold's counts; lost and duplicated compare gold with the source group by group.
     */
    public static Reconciliation reconcile(
            String fault,
            Collection<ObjectNode> source,
            long landed,
            Collection<JsonNode> results,
            Map<String, Long> gold) {
        Map<String, Long> expected = new TreeMap<>();
        Set<String> keys = new HashSet<>();
        for (ObjectNode record : source) {
            if (keys.add(record.path("unique_key").asText())) {
                expected.merge(groupOf(record), 1L, Long::sum);
            }
        }
        long lost = 0;
        long duplicated = 0;
        Set<String> groups = new HashSet<>(expected.keySet());
        groups.addAll(gold.keySet());
        for (String group : groups) {
            long difference = gold.getOrDefault(group, 0L) - expected.getOrDefault(group, 0L);
            if (difference < 0) {
                lost -= difference;
            } else {
                duplicated += difference;
            }
        }
        long silver = results.stream()
                .mapToLong(result -> result.path("silver").path("inserted").asLong())
                .sum();
        long goldTotal = gold.values().stream().mapToLong(Long::longValue).sum();
        return new Reconciliation(fault, keys.size(), landed, silver, goldTotal, lost, duplicated).print();
    }

    private void run(String mainClass, String name, String... arguments) throws IOException, InterruptedException {
        Path target = ServiceJvm.projectRoot().resolve("delta-jobs").resolve("target");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.stream(Files.readString(target.resolve("spark-jvm-flags.txt"))
                        .strip()
                        .split("\\s+"))
                .filter(flag -> !flag.isBlank())
                .toList());
        command.addAll(List.of(
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-Duser.timezone=UTC",
                "-cp",
                target.resolve("delta-jobs.jar") + ":"
                        + Files.readString(target.resolve("delta-jobs.classpath"))
                                .strip(),
                mainClass));
        command.addAll(List.of(arguments));
        LoggedProcess process = LoggedProcess.start(
                "spark-" + name,
                new ProcessBuilder(command),
                logs.resolve("spark-" + name + ".log"),
                Duration.ofSeconds(10));
        try {
            boolean ended = process.handle()
                    .onExit()
                    .completeOnTimeout(null, 5, TimeUnit.MINUTES)
                    .thenApply(handle -> handle != null)
                    .join();
            if (!ended || process.exitValue() != 0) {
                throw new IllegalStateException(
                        mainClass + " " + name + (ended ? " exited " + process.exitValue() : " timed out") + "; "
                                + process.log() + ":\n" + process.tail(40));
            }
        } finally {
            process.close();
        }
    }
}
