package org.nyc311.ingest.landing;

import java.time.LocalDate;

/**
 * Where a run's batch lives. Published: {@code raw/nyc311/ingestion_date=YYYY-MM-DD/run=<runId>/}, one
 * {@code part-NNNNN.json.gz} per page and {@code _manifest.json} last; bronze reads
 * {@code raw/nyc311/**}{@code /*.json.gz}. Staged: {@code raw/_staging/run=<runId>/}, outside bronze's
 * raw root (and hidden from Spark's listing by its leading underscore), where each page is written
 * under a key of its own ({@code part-NNNNN.<token>.json.gz}) while the run pages. The date is the New
 * York date the run was created on, kept with the run so that a resumed run publishes to the same keys.
 */
public record BatchLayout(LocalDate ingestionDate, String runId) {

    public static final String MANIFEST = "_manifest.json";
    public static final String STAGING_ROOT = "raw/_staging/";

    public String prefix() {
        return "raw/nyc311/ingestion_date=" + ingestionDate + "/run=" + runId + "/";
    }

    public String partKey(int partNumber) {
        return prefix() + String.format("part-%05d.json.gz", partNumber);
    }

    public String manifestKey() {
        return prefix() + MANIFEST;
    }

    public String stagingPrefix() {
        return STAGING_ROOT + "run=" + runId + "/";
    }

    /** A page written once more (a resumed run) gets a new token, so a staged object is never overwritten either. */
    public String stagedPartKey(int partNumber, String token) {
        return stagingPrefix() + String.format("part-%05d.%s.json.gz", partNumber, token);
    }
}
