package org.nyc311.ingest.source;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a source: it lands as one part.
 *
 * @param number zero-based; the part number
 * @param records one JSON object each, as the source gave it
 * @param last the key of the last record, where the next page goes on (SODA); null for files, which page by count
 */
public record Page(
        int number, List<String> records, @Nullable PageKey last) {

    public Page {
        records = List.copyOf(records);
    }

    public Page(int number, List<String> records) {
        this(number, records, null);
    }

    public int size() {
        return records.size();
    }
}
