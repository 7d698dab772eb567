package org.nyc311.ingest.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * A file for offline replay or bulk historical backfill: SODA-shaped JSON lines ({@code .jsonl},
 * {@code .jsonl.gz}) or the Open Data portal's CSV export ({@code .csv}, {@code .csv.gz}), converted to
 * SODA's shape. Paged like the API, so a resumed run skips exactly the pages already landed.
 *
 * <p>Records whose {@code created_date} lies outside the window are left out; a record without a
 * readable {@code created_date} is kept, because raw is not the layer that judges records.
 */
public final class FileSource implements RecordSource {

    private final Path path;
    private final ObjectMapper mapper;

    public FileSource(Path path, ObjectMapper mapper) {
        this.path = path;
        this.mapper = mapper;
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public PageReader open(IngestionWindow window, int pageSize, int startPage, @Nullable PageKey after) {
        FileRecords records = records();
        Iterator<SourceRecord> inWindow = new Iterator<>() {
            private @Nullable SourceRecord ahead = advance();

            private @Nullable SourceRecord advance() {
                while (records.hasNext()) {
                    SourceRecord record = records.next();
                    if (record.createdDate()
                            .map(created -> !created.isBefore(window.from()) && !created.isAfter(window.to()))
                            .orElse(true)) {
                        return record;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return ahead != null;
            }

            @Override
            public SourceRecord next() {
                SourceRecord current = ahead;
                if (current == null) {
                    throw new NoSuchElementException();
                }
                ahead = advance();
                return current;
            }
        };
        long skip = (long) startPage * pageSize;
        for (long i = 0; i < skip && inWindow.hasNext(); i++) {
            inWindow.next();
        }
        return new PageReader() {
            private int next = startPage;

            @Override
            public Optional<Page> next() {
                List<String> page = new ArrayList<>(Math.min(pageSize, 65_536));
                while (page.size() < pageSize && inWindow.hasNext()) {
                    page.add(inWindow.next().json());
                }
                return page.isEmpty() ? Optional.empty() : Optional.of(new Page(next++, page));
            }

            @Override
            public void close() {
                records.close();
            }
        };
    }

    /** The window a file covers when none is given: its earliest and latest {@code created_date}. */
    public IngestionWindow coveredWindow() {
        LocalDateTime min = null;
        LocalDateTime max = null;
        try (FileRecords records = records()) {
            while (records.hasNext()) {
                Optional<LocalDateTime> created = records.next().createdDate();
                if (created.isPresent()) {
                    min = min == null || created.get().isBefore(min) ? created.get() : min;
                    max = max == null || created.get().isAfter(max) ? created.get() : max;
                }
            }
        }
        if (min == null || max == null) {
            throw new SourceFailedException(
                    path + " has no record with a readable created_date; give the window (--from/--to)");
        }
        return new IngestionWindow(IngestionWindow.Kind.BACKFILL, min, max);
    }

    private FileRecords records() {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        BufferedReader reader = open(name.endsWith(".gz"));
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) {
            return new JsonLinesRecords(reader, path, mapper);
        }
        if (base.endsWith(".csv")) {
            return new CsvExportRecords(reader, path, mapper);
        }
        try {
            reader.close();
        } catch (IOException ignored) {
            // we are failing anyway
        }
        throw new SourceFailedException(path + ": unknown file type; use .jsonl, .jsonl.gz, .csv or .csv.gz");
    }

    private BufferedReader open(boolean gzip) {
        try {
            InputStream in = Files.newInputStream(path);
            if (gzip) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Records of one file, in file order. */
    interface FileRecords extends Iterator<SourceRecord>, AutoCloseable {
        @Override
        void close();
    }
}
