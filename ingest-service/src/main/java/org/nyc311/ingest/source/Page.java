package org.nyc311.ingest.source;

import java.util.List;

/**
 * One page of a source: it lands as one part.
 *
 * @param number zero-based; the part number and, times the page size, the offset
 * @param records one JSON object each, as the source gave it
 */
public record Page(int number, List<String> records) {

    public Page {
        records = List.copyOf(records);
    }

    public int size() {
        return records.size();
    }
}
