package org.nyc311.ingest.landing;

/**
 * A page as committed while its run pages: where it is staged, and what it publishes as.
 *
 * @param part the part as the manifest lists it: its final key, record count, size and SHA-256
 * @param stagedKey the staged object holding exactly those bytes; null for a part landed before staging
 *     (already at its final key)
 */
public record StagedPart(LandedPart part, String stagedKey) {}
