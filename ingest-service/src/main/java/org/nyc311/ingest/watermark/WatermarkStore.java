package org.nyc311.ingest.watermark;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.nyc311.ingest.metrics.IngestionMetrics;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The incremental feed's watermark on {@code :updated_at} (UTC, as SODA's system fields are), in
 * PostgreSQL. It moves only inside the transaction that completes a run.
 */
@Repository
public class WatermarkStore {

    /** The one feed this service follows. */
    public static final String FEED = "nyc311-soda-erm2-nwe9";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final IngestionMetrics metrics;

    public WatermarkStore(JdbcTemplate jdbc, Clock clock, IngestionMetrics metrics) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.metrics = metrics;
        current().ifPresent(metrics::watermarkIs);
    }

    public Optional<LocalDateTime> current() {
        return jdbc.query("SELECT watermark FROM ingestion_watermark WHERE feed = ?",
                (rs, i) -> rs.getObject(1, LocalDateTime.class), FEED).stream().findFirst();
    }

    /** Moves the watermark forward to {@code value}; never backwards, whatever order runs complete in. */
    public void advance(LocalDateTime value, String runId) {
        jdbc.update("""
                INSERT INTO ingestion_watermark (feed, watermark, run_id, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (feed) DO UPDATE SET watermark = EXCLUDED.watermark, run_id = EXCLUDED.run_id,
                    updated_at = EXCLUDED.updated_at
                WHERE ingestion_watermark.watermark < EXCLUDED.watermark
                """, FEED, value, runId, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        current().ifPresent(metrics::watermarkIs);
    }
}
