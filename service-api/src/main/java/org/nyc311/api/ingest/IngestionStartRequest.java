package org.nyc311.api.ingest;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * The body of {@code POST /api/v1/ingestions}. Bounds travel as text so that a malformed one is the API's
 * precise 400, not the framework's.
 *
 * @param kind BACKFILL or INCREMENTAL; absent picks by the bounds
 * @param from a date ({@code 2026-01-31}) or a floating timestamp ({@code 2026-01-31T23:59:59}, no zone)
 * @param source {@code api} (or absent) for SODA, or a file name in the service's replay folder
 */
@Schema(description = "A run to start: a SODA window (kind, from, to) or a file of the replay folder (source)")
public record IngestionStartRequest(
        IngestionWindow.@Nullable Kind kind,
        @Schema(example = "2026-01-01") @Nullable String from,
        @Schema(example = "2026-01-31T23:59:59") @Nullable String to,
        @Schema(example = "api") @Nullable String source) {

    public static IngestionStartRequest window(
            IngestionWindow.@Nullable Kind kind, @Nullable String from, @Nullable String to) {
        return new IngestionStartRequest(kind, from, to, null);
    }

    public static IngestionStartRequest replay(String fileName) {
        return new IngestionStartRequest(null, null, null, fileName);
    }
}
