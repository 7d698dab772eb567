package org.nyc311.model.ingest;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The slice of the 311 feed one ingestion run asks for.
 *
 * <p>Bounds are floating timestamps with no zone, as the SODA API compares them, and each kind
 * uses the clock of the field it filters on. A BACKFILL window filters on {@code created_date}, a
 * New York local time. An INCREMENTAL window filters on the system field {@code :updated_at}, so
 * that closures and status changes of older requests arrive too; that field is kept in UTC, so
 * incremental bounds are UTC.
 */
public record IngestionWindow(Kind kind, LocalDateTime from, LocalDateTime to) {

    public IngestionWindow {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window ends before it starts: " + from + " .. " + to);
        }
    }

    public enum Kind {
        BACKFILL,
        INCREMENTAL
    }
}
