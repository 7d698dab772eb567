package org.nyc311.ingest.watermark;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.metrics.IngestionMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger LOG = LoggerFactory.getLogger(WatermarkStore.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final IngestionMetrics metrics;
    private final Duration clockSkew;

    public WatermarkStore(JdbcTemplate jdbc, Clock clock, IngestionMetrics metrics, IngestProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.metrics = metrics;
        this.clockSkew = properties.limits().clockSkew();
        current().ifPresent(metrics::watermarkIs);
    }

    public Optional<LocalDateTime> current() {
        return jdbc
                .query(
                        "SELECT watermark FROM ingestion_watermark WHERE feed = ?",
                        (rs, i) -> rs.getObject(1, LocalDateTime.class),
                        FEED)
                .stream()
                .findFirst();
    }

    /**
     * Where the next incremental window starts (before the overlap). A watermark later than the moment
     * it was stored is poisoned (a window that ended in the future, accepted before windows were
     * checked): no run can have seen an update made after it completed, so it is clamped to when it was
     * stored (UTC) and said so in the log; the next completed run replaces it ({@link #advance}).
     */
    public Optional<LocalDateTime> startingPoint() {
        return jdbc
                .query(
                        "SELECT watermark, run_id, updated_at FROM ingestion_watermark WHERE feed = ?",
                        (rs, i) -> {
                            LocalDateTime mark = rs.getObject("watermark", LocalDateTime.class);
                            LocalDateTime storedAt = rs.getObject("updated_at", OffsetDateTime.class)
                                    .withOffsetSameInstant(ZoneOffset.UTC)
                                    .toLocalDateTime();
                            if (!mark.isAfter(storedAt.plus(clockSkew))) {
                                return mark;
                            }
                            LOG.warn(
                                    "the stored watermark {} (run {}) lies after the moment it was stored, {} UTC: it was set by a window that "
                                            + "ended in the future; the incremental window starts from {} instead, and the next completed run replaces it",
                                    mark,
                                    rs.getString("run_id"),
                                    storedAt,
                                    storedAt);
                            return storedAt;
                        },
                        FEED)
                .stream()
                .findFirst();
    }

    /**
     * Moves the watermark forward to {@code value}; never backwards, whatever order runs complete in,
     * except over a poisoned watermark (later than when it was stored, see {@link #startingPoint}),
     * which the first sane value replaces.
     */
    public void advance(LocalDateTime value, String runId) {
        jdbc.update(
                """
                INSERT INTO ingestion_watermark (feed, watermark, run_id, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (feed) DO UPDATE SET watermark = EXCLUDED.watermark, run_id = EXCLUDED.run_id,
                    updated_at = EXCLUDED.updated_at
                WHERE ingestion_watermark.watermark < EXCLUDED.watermark
                   OR ingestion_watermark.watermark > (ingestion_watermark.updated_at AT TIME ZONE 'UTC') + make_interval(secs => ?)
                """,
                FEED,
                value,
                runId,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                clockSkew.toSeconds());
        current().ifPresent(metrics::watermarkIs);
    }
}
