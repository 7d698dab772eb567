package org.nyc311.delta;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Lands raw files the way ingest-service does: {@code raw/nyc311/ingestion_date=D/run=R/part-NNNNN.json.gz} plus a manifest. */
public final class RawLanding {

    private RawLanding() {}

    /** Gzips a classpath fixture into a run folder, with a {@code _manifest.json} beside it. */
    public static Path land(Path lake, String ingestionDate, String run, String fixture) throws IOException {
        try (InputStream in = RawLanding.class.getResourceAsStream("/raw/" + fixture)) {
            if (in == null) {
                throw new IOException("no fixture /raw/" + fixture);
            }
            return land(lake, ingestionDate, run, in);
        }
    }

    public static Path land(Path lake, String ingestionDate, String run, InputStream ndjson) throws IOException {
        Path folder = lake.resolve("raw/nyc311/ingestion_date=" + ingestionDate + "/run=" + run);
        Files.createDirectories(folder);
        Path part = folder.resolve("part-00000.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(part))) {
            ndjson.transferTo(out);
        }
        try (InputStream manifest = RawLanding.class.getResourceAsStream("/raw/manifest.json")) {
            Files.copy(manifest, folder.resolve("_manifest.json"));
        }
        return part;
    }

    /** Lands an already gzipped file (the real records) as it is. */
    public static Path landGzipped(Path lake, String ingestionDate, String run, Path gzipped) throws IOException {
        Path folder = lake.resolve("raw/nyc311/ingestion_date=" + ingestionDate + "/run=" + run);
        Files.createDirectories(folder);
        Path part = folder.resolve("part-00000.json.gz");
        Files.copy(gzipped, part);
        try (InputStream manifest = RawLanding.class.getResourceAsStream("/raw/manifest.json")) {
            Files.copy(manifest, folder.resolve("_manifest.json"));
        }
        return part;
    }
}
