package org.nyc311.ingest.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.ingest.IngestionApi;
import org.nyc311.api.ingest.IngestionRunView;
import org.nyc311.api.ingest.IngestionStartRequest;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.run.IngestionRequest;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.source.RecordSources;
import org.nyc311.service.web.ApiDates;
import org.nyc311.service.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** Starts runs from the API and reports on them; the contract is service-api's {@link IngestionApi}. */
@RestController
public class IngestionController implements IngestionApi {

    private final IngestionService ingestions;
    private final @Nullable Path replayDirectory;
    private final ApiDates dates;

    public IngestionController(IngestionService ingestions, IngestProperties properties, ApiDates dates) {
        this.ingestions = ingestions;
        this.dates = dates;
        this.replayDirectory = properties.file().replayDirectory() == null
                ? null
                : properties.file().replayDirectory().toAbsolutePath().normalize();
    }

    /**
     * Starts a run of the SODA API: {@code {"kind":"BACKFILL","from":"2026-01-01","to":"2026-01-31T23:59:59"}},
     * or {@code {"kind":"INCREMENTAL"}} for the run from the watermark, or {@code {"source":"file.jsonl.gz"}}
     * to replay a file of the replay folder (only where one is configured). 202 with the run; 400 for a
     * bad window or source; 409 while the same window runs; 503 with Retry-After while too many runs wait.
     */
    @Override
    public ResponseEntity<IngestionRunView> start(IngestionStartRequest body) {
        IngestionRequest request = new IngestionRequest(
                body.kind(), bound("from", body.from(), false), bound("to", body.to(), true), source(body.source()));
        IngestionRun run = ingestions.start(request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/ingestions/" + run.runId()))
                .body(view(run));
    }

    @Override
    public IngestionRunView run(String runId) {
        return ingestions.find(runId).map(IngestionController::view).orElseThrow(() -> new UnknownRunException(runId));
    }

    /** The run as the API shows it; the statuses are the same words on both sides. */
    static IngestionRunView view(IngestionRun run) {
        return new IngestionRunView(
                run.runId(),
                run.window(),
                run.source(),
                run.pageSize(),
                run.ingestionDate(),
                run.batchPrefix(),
                IngestionRunView.Status.valueOf(run.status().name()),
                run.recordCount(),
                run.partCount(),
                run.watermark(),
                run.failureReason(),
                run.createdAt(),
                run.startedAt(),
                run.finishedAt(),
                run.retryAt());
    }

    private @Nullable LocalDateTime bound(String name, @Nullable String text, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDateTime bound;
        try {
            bound = IngestProperties.parseBound(text, end);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be a date (2026-01-31) or a floating timestamp "
                    + "(2026-01-31T23:59:59, New York local time, no zone); got '" + text + "'");
        }
        // the feed's range: a window in year 999999999 is a typo, and its arithmetic would overflow
        return dates.require("'" + name + "'", bound);
    }

    /** The API, or a file inside the replay folder: never a path that leads out of it. */
    private String source(@Nullable String requested) {
        if (requested == null || requested.isBlank() || RecordSources.API.equals(requested)) {
            return RecordSources.API;
        }
        if (replayDirectory == null) {
            throw new IllegalArgumentException("'source' files are not served here: this service has no "
                    + "nyc311.ingest.file.replay-directory; leave 'source' out to ingest from the SODA API");
        }
        Path file = replayDirectory.resolve(requested).normalize();
        if (!file.startsWith(replayDirectory) || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "'source' must name a file in the replay folder; no such file: " + requested);
        }
        return file.toString();
    }

    static final class UnknownRunException extends NotFoundException {
        UnknownRunException(String runId) {
            super("Unknown ingestion run", "no ingestion run " + runId);
        }
    }
}
