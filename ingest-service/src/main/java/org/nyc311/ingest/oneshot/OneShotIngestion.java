package org.nyc311.ingest.oneshot;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Objects;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.landing.RawBatchStore;
import org.nyc311.ingest.run.IngestionRequest;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.run.PageLanded;
import org.nyc311.ingest.run.RunConflictException;
import org.nyc311.ingest.run.RunStarted;
import org.nyc311.ingest.run.RunStatus;
import org.nyc311.ingest.source.RecordSources;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The CLI's mode: with {@code nyc311.ingest.one-shot.source} set, run one ingestion at start-up,
 * print a line per landed part and a last line with the run id, the record count and the S3
 * prefix, then let the application exit with 0 (completed) or 1 (failed). Lines start with
 * {@code ingest:} so that the launcher can pick them out of the log.
 */
@Component
@Order(10)
@ConditionalOnProperty("nyc311.ingest.one-shot.source")
public class OneShotIngestion implements ApplicationRunner, ExitCodeGenerator {

    static final String PREFIX = "ingest: ";

    private final IngestionService ingestions;
    private final IngestProperties.OneShot oneShot;
    private final RawBatchStore store;
    private final IngestProperties.Lease lease;
    private final PrintStream out = System.out;
    private int exitCode = 1;

    public OneShotIngestion(IngestionService ingestions, IngestProperties properties, RawBatchStore store) {
        this.ingestions = ingestions;
        this.oneShot = properties.oneShot();
        this.lease = properties.lease();
        this.store = store;
    }

    @Override
    public void run(ApplicationArguments args) {
        // this runner exists only when nyc311.ingest.one-shot.source is set
        String requested = Objects.requireNonNull(oneShot.source());
        String source = RecordSources.API.equals(requested)
                ? RecordSources.API
                : IngestProperties.filePath(requested).toString();
        IngestionRun run;
        try {
            IngestionRequest request = new IngestionRequest(
                    null,
                    oneShot.from() == null || oneShot.from().isBlank()
                            ? null
                            : IngestProperties.parseBound(oneShot.from(), false),
                    oneShot.to() == null || oneShot.to().isBlank()
                            ? null
                            : IngestProperties.parseBound(oneShot.to(), true),
                    source);
            run = runOnceTheWindowIsFree(request);
        } catch (RuntimeException e) {
            print("FAILED before starting: " + e.getMessage());
            exitCode = 2;
            return;
        }
        if (run.status() == RunStatus.COMPLETED) {
            print("completed run " + run.runId() + ": " + run.recordCount() + " records in " + run.partCount()
                    + " part(s) at s3://" + store.bucket() + "/" + run.batchPrefix());
            print("run=" + run.runId() + " records=" + run.recordCount() + " prefix=s3://" + store.bucket() + "/"
                    + run.batchPrefix());
            exitCode = 0;
        } else {
            print("FAILED run " + run.runId() + " after " + run.recordCount() + " records in " + run.partCount()
                    + " part(s): " + run.failureReason());
            print("run the same command again to resume after the last landed part");
            exitCode = 1;
        }
    }

    /**
     * A window held by another process's run is waited for, at most one lease length: a dead holder's lease
     * expires within it and its run is then taken over (resumed here), a live holder renews it and this
     * run is refused (exit 2). So the same command run again right after a kill (the CLI, the daily task's
     * retry) resumes the killed run instead of failing.
     */
    private IngestionRun runOnceTheWindowIsFree(IngestionRequest request) {
        Instant deadline = null;
        while (true) {
            try {
                return ingestions.run(request);
            } catch (RunConflictException held) {
                Instant now = Instant.now();
                if (deadline == null) {
                    deadline = now.plus(lease.length()).plus(lease.heartbeat());
                    print("run " + held.runningRunId() + " holds this window; waiting up to "
                            + lease.length().plus(lease.heartbeat()).toSeconds()
                            + " s for its lease to expire (its process stopped) or be renewed (it is alive)");
                } else if (now.isAfter(deadline)) {
                    throw held;
                }
                try {
                    Thread.sleep(lease.heartbeat().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw held;
                }
            }
        }
    }

    @EventListener
    public void onRunStarted(RunStarted started) {
        IngestionRun run = started.run();
        print((run.partCount() > 0
                        ? "resuming run " + run.runId() + " after part " + String.format("%05d", run.partCount() - 1)
                        : "started run " + run.runId())
                + ": " + run.window().kind() + " " + run.window().from() + " .. "
                + run.window().to() + " from " + run.source() + ", " + run.pageSize() + " records per part");
    }

    @EventListener
    public void onPageLanded(PageLanded landed) {
        print("part " + String.format("%05d", landed.part().partNumber()) + " landed: "
                + landed.part().recordCount() + " records (" + landed.recordsSoFar() + " so far), staged at "
                + landed.stagedKey());
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private void print(String line) {
        out.println(PREFIX + line);
        out.flush();
    }
}
