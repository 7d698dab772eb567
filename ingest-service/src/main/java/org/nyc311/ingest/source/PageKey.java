package org.nyc311.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * Where a SODA page ends: the sort key of its last record, from which the next page goes on
 * ({@code $where ... AND key > this}). Stored with each part, so that a resumed run goes on after the
 * last landed key, not after a count of records that may have moved.
 *
 * <p>An incremental window filters {@code :updated_at}, which changes while a run pages: it is paged
 * in {@code (:updated_at, :id)} order, so a record updated mid-run moves past the window's end (where
 * the next run's window, which starts an overlap before this one's end, finds it) and no record still
 * in the window shifts across a page boundary. A backfill filters {@code created_date}, which never
 * changes: {@code :id} alone (unique, immutable, compared as text) is enough, because a record is in
 * or out of the window for the whole run, and one inserted or deleted mid-run moves no other record
 * past the key.
 *
 * @param updatedAt the last record's {@code :updated_at} as a floating timestamp (SODA's millisecond
 *     precision, no zone; UTC like the window); null for backfills
 * @param id the last record's {@code :id}
 */
public record PageKey(@Nullable String updatedAt, String id) {

    public PageKey {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a page key needs the record's :id");
        }
    }

    /** The key of one record as SODA sent it ({@code $select=:*,*}); empty fields are an error the caller reports. */
    public static PageKey of(IngestionWindow.Kind kind, JsonNode record) {
        String id = text(record, ":id");
        if (id == null) {
            throw new IllegalArgumentException(
                    "a record has no :id (SODA's system fields come only with $select=:*,*)");
        }
        if (kind == IngestionWindow.Kind.BACKFILL) {
            return new PageKey(null, id);
        }
        String updatedAt = text(record, ":updated_at");
        if (updatedAt == null) {
            throw new IllegalArgumentException("record " + id + " has no :updated_at");
        }
        // SODA writes system timestamps with a Z; SoQL compares floating ones
        return new PageKey(updatedAt.endsWith("Z") ? updatedAt.substring(0, updatedAt.length() - 1) : updatedAt, id);
    }

    private static @Nullable String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
