package org.nyc311.ingest.run;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * What to ingest. Without bounds, an API request is the incremental run from the watermark and a
 * file request covers the whole file.
 *
 * @param kind BACKFILL (on created_date) or INCREMENTAL (on :updated_at); null picks by the bounds
 * @param source {@code api} or a file path
 */
public record IngestionRequest(
        IngestionWindow.@Nullable Kind kind,
        @Nullable LocalDateTime from,
        @Nullable LocalDateTime to,
        String source) {

    public static IngestionRequest incremental() {
        return new IngestionRequest(IngestionWindow.Kind.INCREMENTAL, null, null, "api");
    }

    public static IngestionRequest backfill(@Nullable LocalDateTime from, @Nullable LocalDateTime to, String source) {
        return new IngestionRequest(IngestionWindow.Kind.BACKFILL, from, to, source);
    }
}
