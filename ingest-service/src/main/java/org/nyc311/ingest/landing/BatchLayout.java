package org.nyc311.ingest.landing;

import java.time.LocalDate;

/**
 * Where a run's batch lives: {@code raw/nyc311/ingestion_date=YYYY-MM-DD/run=<runId>/}, one
 * {@code part-NNNNN.json.gz} per page and {@code _manifest.json} last. The date is the New York date
 * the run was created on, kept with the run so that a resumed run writes the same keys.
 */
public record BatchLayout(LocalDate ingestionDate, String runId) {

    public static final String MANIFEST = "_manifest.json";

    public String prefix() {
        return "raw/nyc311/ingestion_date=" + ingestionDate + "/run=" + runId + "/";
    }

    public String partKey(int partNumber) {
        return prefix() + String.format("part-%05d.json.gz", partNumber);
    }

    public String manifestKey() {
        return prefix() + MANIFEST;
    }
}
