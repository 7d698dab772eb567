package org.nyc311.ingest.landing;

/**
 * One landed part.
 *
 * @param sha256 hex SHA-256 of the object's bytes as stored (the gzip file)
 */
public record LandedPart(int partNumber, String key, int recordCount, long byteCount, String sha256) {}
