package org.nyc311.ingest.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.run.IngestionRequest;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.source.RecordSources;
import org.nyc311.model.ingest.IngestionWindow;
import org.nyc311.service.web.ApiDates;
import org.nyc311.service.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Starts runs from the API and reports on them. */
@RestController
@RequestMapping("/api/v1/ingestions")
public class IngestionController {

    private final IngestionService ingestions;
    private final Path replayDirectory;
    private final ApiDates dates;

    public IngestionController(IngestionService ingestions, IngestProperties properties, ApiDates dates) {
        this.ingestions = ingestions;
        this.dates = dates;
        this.replayDirectory = properties.file().replayDirectory() == null ? null
                : properties.file().replayDirectory().toAbsolutePath().normalize();
    }

    /**
     * Starts a run of the SODA API: {@code {"kind":"BACKFILL","from":"2026-01-01","to":"2026-01-31T23:59:59"}},
     * or {@code {"kind":"INCREMENTAL"}} for the run from the watermark, or {@code {"source":"file.jsonl.gz"}}
     * to replay a file of the replay folder (only where one is configured). 202 with the run; 400 for a
     * bad window or source; 409 while the same window runs; 503 with Retry-After while too many runs wait.
     */
    @PostMapping
    public ResponseEntity<IngestionRun> start(@RequestBody StartRequest body) {
        IngestionRequest request = new IngestionRequest(body.kind(), bound("from", body.from(), false),
                bound("to", body.to(), true), source(body.source()));
        IngestionRun run = ingestions.start(request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/ingestions/" + run.runId())).body(run);
    }

    @GetMapping("/{runId}")
    public ResponseEntity<IngestionRun> status(@PathVariable String runId) {
        return ingestions.find(runId).map(ResponseEntity::ok).orElseThrow(() -> new UnknownRunException(runId));
    }

    private LocalDateTime bound(String name, String text, boolean end) {
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
    private String source(String requested) {
        if (requested == null || requested.isBlank() || RecordSources.API.equals(requested)) {
            return RecordSources.API;
        }
        if (replayDirectory == null) {
            throw new IllegalArgumentException("'source' files are not served here: this service has no "
                    + "nyc311.ingest.file.replay-directory; leave 'source' out to ingest from the SODA API");
        }
        Path file = replayDirectory.resolve(requested).normalize();
        if (!file.startsWith(replayDirectory) || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'source' must name a file in the replay folder; no such file: " + requested);
        }
        return file.toString();
    }

    /**
     * The body of POST /api/v1/ingestions; bounds as text so that a malformed one gets a precise 400.
     *
     * @param source {@code api} (or absent) for SODA, or a file name in the replay folder
     */
    public record StartRequest(IngestionWindow.Kind kind, String from, String to, String source) {
    }

    static final class UnknownRunException extends NotFoundException {
        UnknownRunException(String runId) {
            super("Unknown ingestion run", "no ingestion run " + runId);
        }
    }
}
