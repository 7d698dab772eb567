package org.nyc311.ingest.source;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One record of a file source.
 *
 * @param json the record as one JSON object, in SODA's shape
 * @param createdDate its {@code created_date}, when present and readable (the window filter uses it)
 */
record SourceRecord(String json, Optional<LocalDateTime> createdDate) {}
