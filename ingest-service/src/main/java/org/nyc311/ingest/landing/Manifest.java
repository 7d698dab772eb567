package org.nyc311.ingest.landing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * {@code _manifest.json}: written after every part, so its presence means the batch is complete.
 *
 * @param watermark the {@code :updated_at} watermark this batch moves the feed to (incremental runs); null for backfills
 * @param source {@code api} or the file the records came from
 */
public record Manifest(
        int manifestVersion,
        String ingestionRunId,
        String bucket,
        String batchPrefix,
        IngestionWindow window,
        @Nullable LocalDateTime watermark,
        LocalDate ingestionDate,
        String source,
        long recordCount,
        int partCount,
        List<LandedPart> parts,
        Instant completedAt) {

    public static final int VERSION = 1;

    public Manifest {
        parts = List.copyOf(parts);
    }
}
