package org.nyc311.launcher.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The batches a file or folder replays: the file itself, or every file of the folder the ingest
 * service can read (.jsonl, .ndjson, .json, .csv, each optionally .gz), one batch each in name order.
 * {@code up --offline} and {@code pipeline --source} read folders this one way.
 */
public final class ReplayFiles {

    private static final Pattern REPLAYABLE = Pattern.compile(".+\\.(jsonl|ndjson|json|csv)(\\.gz)?");

    private ReplayFiles() {}

    /** The batches of {@code path}, in replay order; empty for a folder without a readable file. */
    public static List<Path> of(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> listing = Files.list(path)) {
            return listing.filter(Files::isRegularFile)
                    .filter(f -> REPLAYABLE.matcher(f.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
    }
}
