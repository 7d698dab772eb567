package org.nyc311.launcher.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nyc311.launcher.ingest.IngestCommand;
import org.nyc311.launcher.ingest.ReplayFiles;
import org.nyc311.launcher.ingest.WindowOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./nyc311 pipeline}: the batch path without the services. It lands a batch with
 * {@code ./nyc311 ingest}, then runs bronze, silver and gold over the lake folder in one local Spark
 * JVM, and with {@code --export-gold} writes the daily counts as CSV. A folder is replayed file by
 * file in name order, each file a batch followed by its own Spark run, as daily intakes land them.
 * Everything lives in the work folder, so a second run adds to the same lake and takes only the new
 * raw files.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = {
            "Ingest a batch (or each file of a folder, in name order), then run bronze, silver and gold on local Spark",
            "after each, all under --workdir.",
            "With --export-gold, write date,complaint_type,borough,count for every count above zero."
        })
public final class PipelineCommand implements Callable<Integer> {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("'cli-'yyyyMMdd'T'HHmmss'Z'");

    @Option(
            names = "--source",
            required = true,
            paramLabel = "api|PATH",
            description =
                    "'api' for the Socrata SODA API, a .jsonl, .jsonl.gz or Open Data CSV export file, or a folder of "
                            + "them (one batch each, in name order, as ./nyc311 demo-city writes them).")
    String source;

    @Mixin
    WindowOptions window = new WindowOptions();

    @Option(
            names = "--workdir",
            paramLabel = "DIR",
            description = "Folder for s3/ (the lake), postgres/ and logs/ (default: ${DEFAULT-VALUE}).")
    Path workDirectory = Path.of(".nyc311", "pipeline");

    @Option(names = "--export-gold", paramLabel = "FILE", description = "Write gold's daily counts to this CSV.")
    Path exportGold;

    @Option(names = "--project-root", hidden = true)
    Path projectRoot = Path.of("").toAbsolutePath();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    public PipelineCommand() {
        this(Clock.systemUTC());
    }

    PipelineCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        window.check(spec);
        List<String> batches = batches();
        SparkJob sparkJob = SparkJob.of(projectRoot.resolve("delta-jobs").resolve("target"));
        if (sparkJob == null) {
            out.println(
                    "nyc311 pipeline: delta-jobs is not built; build it with ./mvnw -B -DskipTests -pl delta-jobs -am install");
            out.flush();
            return 1;
        }
        Path work = workDirectory.toAbsolutePath().normalize();
        Path lake = work.resolve("s3").resolve(IngestCommand.BUCKET);
        Path logs = work.resolve("logs");
        String firstRunId = RUN_ID.format(clock.instant().atZone(java.time.ZoneOffset.UTC));
        String runId = firstRunId;
        for (int b = 0; b < batches.size(); b++) {
            if (batches.size() > 1) {
                out.println("nyc311 pipeline: batch " + (b + 1) + " of " + batches.size() + ": " + batches.get(b));
            }
            out.println("nyc311 pipeline: 1/3 ingest");
            out.flush();
            int ingested = new CommandLine(new IngestCommand())
                    .setOut(out)
                    .setErr(spec.commandLine().getErr())
                    .execute(ingestArguments(work, batches.get(b)));
            if (ingested != 0) {
                out.println("nyc311 pipeline: ingest failed; nothing was run on Spark");
                out.flush();
                return ingested;
            }
            // the batches of a folder follow each other within a second on a fast machine: each run its own id
            runId = batches.size() > 1
                    ? firstRunId + "-" + (b + 1)
                    : RUN_ID.format(clock.instant().atZone(java.time.ZoneOffset.UTC));
            out.println("nyc311 pipeline: 2/3 bronze, silver, gold on local Spark (run " + runId + ")");
            out.flush();
            List<String> batchArguments = new ArrayList<>(
                    List.of("--spark-master", "local[*]", "--lake-root", lake.toString(), "--run-id", runId));
            if (exportGold != null && b == batches.size() - 1) {
                // the last batch's Spark run writes the export too: one Spark start fewer than a job of its own
                batchArguments.addAll(List.of(
                        "--export-gold", exportGold.toAbsolutePath().normalize().toString()));
            }
            int batch = sparkJob.run(
                    "org.nyc311.delta.BatchJob", batchArguments, logs.resolve("pipeline-" + runId + ".log"), out);
            if (batch != 0) {
                out.println("nyc311 pipeline: the Spark batch failed (exit " + batch + ")"
                        + (batchArguments.contains("--export-gold") ? ", or its last stage, the export of gold," : "")
                        + "; see " + logs.resolve("pipeline-" + runId + ".log"));
                out.flush();
                return batch;
            }
            out.println(
                    "  result: " + lake.resolve("_pipeline_runs").resolve(runId).resolve("result.json"));
        }
        if (exportGold == null) {
            out.println("nyc311 pipeline: 3/3 done; gold tables are under " + lake.resolve("gold"));
            out.flush();
            return 0;
        }
        out.println("nyc311 pipeline: 3/3 export gold to "
                + exportGold.toAbsolutePath().normalize() + " (written by the last batch's Spark run)");
        out.println("nyc311 pipeline: done");
        out.flush();
        return 0;
    }

    /** 'api', a file, or a folder's replayable files in name order (the files demo-city writes): one batch each. */
    private List<String> batches() throws IOException {
        Path folder = Path.of(source);
        if ("api".equals(source) || !Files.isDirectory(folder)) {
            return List.of(source);
        }
        List<Path> files = ReplayFiles.of(folder);
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), folder + " holds no .jsonl, .jsonl.gz, .csv or .csv.gz file");
        }
        return files.stream().map(Path::toString).toList();
    }

    private String[] ingestArguments(Path work, String batch) {
        List<String> arguments = new ArrayList<>(
                List.of("--source", batch, "--workdir", work.toString(), "--project-root", projectRoot.toString()));
        if (window.given()) {
            arguments.addAll(List.of("--from", window.from(), "--to", window.to()));
        }
        return arguments.toArray(String[]::new);
    }
}
