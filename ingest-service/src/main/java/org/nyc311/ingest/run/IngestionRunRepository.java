package org.nyc311.ingest.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.landing.LandedPart;
import org.nyc311.ingest.landing.StagedPart;
import org.nyc311.ingest.source.PageKey;
import org.nyc311.model.ingest.IngestionWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code ingestion_run} and {@code ingestion_part} tables. */
@Repository
public class IngestionRunRepository {

    private static final String SELECT_RUN = """
            SELECT r.*, COALESCE(p.records, 0) AS records, COALESCE(p.parts, 0) AS parts
            FROM ingestion_run r
            LEFT JOIN (SELECT run_id, SUM(record_count) AS records, COUNT(*) AS parts
                       FROM ingestion_part GROUP BY run_id) p ON p.run_id = r.run_id
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public IngestionRunRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Inserts a new RUNNING run held by {@code owner} for {@code lease}; the partial unique index refuses a
     * second running run of the window.
     */
    public void insertRunning(IngestionRun run, String owner, Duration lease) {
        jdbc.update(
                """
                INSERT INTO ingestion_run (run_id, kind, window_from, window_to, source, page_size, ingestion_date,
                    batch_prefix, status, created_at, started_at, lease_owner, lease_expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, clock_timestamp() + make_interval(secs => ?))
                """,
                run.runId(),
                run.window().kind().name(),
                run.window().from(),
                run.window().to(),
                run.source(),
                run.pageSize(),
                run.ingestionDate(),
                run.batchPrefix(),
                now(),
                now(),
                owner,
                seconds(lease));
    }

    /** A failed run started again, held by {@code owner}; false if it was not FAILED any more (someone else took it). */
    public boolean markRunning(String runId, String owner, Duration lease) {
        return jdbc.update(
                        "UPDATE ingestion_run SET status = 'RUNNING', failure_reason = NULL, started_at = ?, finished_at = NULL, "
                                + "retry_at = NULL, lease_owner = ?, lease_expires_at = clock_timestamp() + make_interval(secs => ?) "
                                + "WHERE run_id = ? AND status = 'FAILED'",
                        now(),
                        owner,
                        seconds(lease),
                        runId)
                == 1;
    }

    /** Completes the run; false if {@code owner} no longer holds it (its lease expired and another process took it). */
    public boolean markCompleted(String runId, @Nullable LocalDateTime watermark, String owner) {
        return jdbc.update(
                        "UPDATE ingestion_run SET status = 'COMPLETED', watermark = ?, finished_at = ? "
                                + "WHERE run_id = ? AND status = 'RUNNING' AND lease_owner = ?",
                        watermark,
                        now(),
                        runId,
                        owner)
                == 1;
    }

    /** Fails the run if {@code owner} still holds it: a process never fails a run another has taken over. */
    public void markFailed(String runId, @Nullable String reason, String owner) {
        jdbc.update(
                "UPDATE ingestion_run SET status = 'FAILED', failure_reason = ?, finished_at = ? "
                        + "WHERE run_id = ? AND status = 'RUNNING' AND lease_owner = ?",
                reason,
                now(),
                runId,
                owner);
    }

    /**
     * Fails the run, as {@link #markFailed}, because a dependency could not be reached, and sets when the service
     * resumes it: {@code resume.firstWait()} after the first such failure, doubling up to {@code resume.maxWait()};
     * after {@code resume.attempts()} such failures, never (it stays FAILED until its window is asked for again).
     *
     * @return when it is resumed; empty if it is not, or if {@code owner} no longer held the run
     */
    public Optional<Instant> markFailedByOutage(
            String runId, @Nullable String reason, String owner, IngestProperties.Resume resume) {
        return jdbc
                .query(
                        "UPDATE ingestion_run SET status = 'FAILED', failure_reason = ?, finished_at = ?, "
                                + "outage_retries = outage_retries + 1, retry_at = CASE WHEN outage_retries < ? THEN clock_timestamp() "
                                + "+ make_interval(secs => LEAST(? * power(2, outage_retries), ?)) END "
                                + "WHERE run_id = ? AND status = 'RUNNING' AND lease_owner = ? RETURNING retry_at",
                        (rs, i) -> instant(rs, "retry_at"),
                        reason,
                        now(),
                        resume.attempts(),
                        seconds(resume.firstWait()),
                        seconds(resume.maxWait()),
                        runId,
                        owner)
                .stream()
                .filter(Objects::nonNull)
                .findFirst();
    }

    /**
     * The failed runs whose wait for a dependency is over and that are still the latest run of their window
     * and source (a run asked for again meanwhile supersedes them), the longest-waiting first.
     */
    public List<IngestionRun> dueForRetry() {
        return jdbc.query(
                SELECT_RUN + " WHERE r.status = 'FAILED' AND r.retry_at <= clock_timestamp() AND NOT EXISTS ("
                        + "SELECT 1 FROM ingestion_run n WHERE n.kind = r.kind AND n.window_from = r.window_from "
                        + "AND n.window_to = r.window_to AND n.source = r.source AND n.created_at > r.created_at) ORDER BY r.retry_at",
                this::run);
    }

    /** The service no longer resumes this failed run by itself. */
    public void stopRetrying(String runId) {
        jdbc.update("UPDATE ingestion_run SET retry_at = NULL WHERE run_id = ?", runId);
    }

    /** Renews the leases of every RUNNING run {@code owner} holds (the heartbeat); returns how many. */
    public int renewLeases(String owner, Duration lease) {
        return jdbc.update(
                "UPDATE ingestion_run SET lease_expires_at = clock_timestamp() + make_interval(secs => ?) "
                        + "WHERE lease_owner = ? AND status = 'RUNNING'",
                seconds(lease),
                owner);
    }

    /** Renews one run's lease if {@code owner} still holds it; false if it does not (the run was taken over or ended). */
    public boolean renewLease(String runId, String owner, Duration lease) {
        return jdbc.update(
                        "UPDATE ingestion_run SET lease_expires_at = clock_timestamp() + make_interval(secs => ?) "
                                + "WHERE run_id = ? AND lease_owner = ? AND status = 'RUNNING'",
                        seconds(lease),
                        runId,
                        owner)
                == 1;
    }

    /**
     * Fails every RUNNING run whose lease has expired (or that has none: left by a process from before
     * leases): its process is gone. Runs whose lease holds are left alone, whichever process holds them.
     */
    public List<String> failExpired(String reason) {
        return jdbc.queryForList(
                "UPDATE ingestion_run SET status = 'FAILED', failure_reason = ?, finished_at = ? "
                        + "WHERE status = 'RUNNING' AND (lease_expires_at IS NULL OR lease_expires_at < clock_timestamp()) "
                        + "RETURNING run_id",
                String.class,
                reason,
                now());
    }

    /** Whether nobody holds the run any more: its lease expired (or it has none, or no such run). */
    public boolean leaseExpired(String runId) {
        return jdbc.queryForList(
                        "SELECT 1 FROM ingestion_run WHERE run_id = ? AND lease_expires_at >= clock_timestamp()",
                        Integer.class,
                        runId)
                .isEmpty();
    }

    public Optional<IngestionRun> find(String runId) {
        return jdbc.query(SELECT_RUN + " WHERE r.run_id = ?", this::run, runId).stream()
                .findFirst();
    }

    /** The latest run of exactly this window and source, if any. */
    public Optional<IngestionRun> latestOf(IngestionWindow window, String source) {
        return jdbc
                .query(
                        SELECT_RUN + " WHERE r.kind = ? AND r.window_from = ? AND r.window_to = ? AND r.source = ? "
                                + "ORDER BY r.created_at DESC LIMIT 1",
                        this::run,
                        window.kind().name(),
                        window.from(),
                        window.to(),
                        source)
                .stream()
                .findFirst();
    }

    public Optional<IngestionRun> runningOf(IngestionWindow window) {
        return jdbc
                .query(
                        SELECT_RUN
                                + " WHERE r.kind = ? AND r.window_from = ? AND r.window_to = ? AND r.status = 'RUNNING'",
                        this::run,
                        window.kind().name(),
                        window.from(),
                        window.to())
                .stream()
                .findFirst();
    }

    /** The latest incremental run from the API, so that a failed one is resumed before a new window opens. */
    public Optional<IngestionRun> latestIncremental() {
        return jdbc
                .query(
                        SELECT_RUN
                                + " WHERE r.kind = 'INCREMENTAL' AND r.source = 'api' ORDER BY r.created_at DESC LIMIT 1",
                        this::run)
                .stream()
                .findFirst();
    }

    /**
     * Records a staged part with the key of its last record (null for file sources); landing the same page
     * again (a resumed run) overwrites its row, never adds one: the row names the one staged object that
     * counts.
     */
    public void savePart(String runId, StagedPart staged, @Nullable PageKey last) {
        LandedPart part = staged.part();
        jdbc.update(
                """
                INSERT INTO ingestion_part (run_id, part_number, object_key, record_count, byte_count, sha256,
                    last_updated_at, last_id, staged_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, part_number) DO UPDATE SET object_key = EXCLUDED.object_key,
                    record_count = EXCLUDED.record_count, byte_count = EXCLUDED.byte_count, sha256 = EXCLUDED.sha256,
                    last_updated_at = EXCLUDED.last_updated_at, last_id = EXCLUDED.last_id, staged_key = EXCLUDED.staged_key
                """,
                runId,
                part.partNumber(),
                part.key(),
                part.recordCount(),
                part.byteCount(),
                part.sha256(),
                last == null ? null : last.updatedAt(),
                last == null ? null : last.id(),
                staged.stagedKey());
    }

    /**
     * Whether the run has SODA parts without a page key: landed by offset paging, before page keys, straight
     * to their final keys. Such a run is not resumed (there is no key to go on after, and its parts may
     * already be in bronze); a new run reads its window again.
     */
    public boolean landedByOffset(String runId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM ingestion_part p JOIN ingestion_run r "
                        + "ON r.run_id = p.run_id WHERE p.run_id = ? AND r.source = 'api' AND p.last_id IS NULL)",
                Boolean.class,
                runId));
    }

    public List<LandedPart> parts(String runId) {
        return stagedParts(runId).stream().map(StagedPart::part).toList();
    }

    /** The committed parts with the staged object each publishes from. */
    public List<StagedPart> stagedParts(String runId) {
        return jdbc.query(
                "SELECT * FROM ingestion_part WHERE run_id = ? ORDER BY part_number",
                (rs, i) -> new StagedPart(
                        new LandedPart(
                                rs.getInt("part_number"),
                                rs.getString("object_key"),
                                rs.getInt("record_count"),
                                rs.getLong("byte_count"),
                                rs.getString("sha256")),
                        rs.getString("staged_key")),
                runId);
    }

    /** Where a (resumed) run goes on: the page after its last landed part, after that part's last key. */
    public ResumePoint resumePoint(String runId) {
        return jdbc
                .query(
                        "SELECT part_number, last_updated_at, last_id FROM ingestion_part WHERE run_id = ? "
                                + "ORDER BY part_number DESC LIMIT 1",
                        (rs, i) -> new ResumePoint(
                                rs.getInt("part_number") + 1,
                                rs.getString("last_id") == null
                                        ? null
                                        : new PageKey(rs.getString("last_updated_at"), rs.getString("last_id"))),
                        runId)
                .stream()
                .findFirst()
                .orElse(ResumePoint.START);
    }

    /**
     * @param nextPart the part number the run lands next
     * @param after the key of the last landed record; null at the start and for parts without keys
     */
    public record ResumePoint(int nextPart, @Nullable PageKey after) {
        static final ResumePoint START = new ResumePoint(0, null);
    }

    private IngestionRun run(ResultSet rs, int row) throws SQLException {
        return new IngestionRun(
                rs.getString("run_id"),
                new IngestionWindow(
                        IngestionWindow.Kind.valueOf(rs.getString("kind")),
                        rs.getObject("window_from", LocalDateTime.class),
                        rs.getObject("window_to", LocalDateTime.class)),
                rs.getString("source"),
                rs.getInt("page_size"),
                rs.getObject("ingestion_date", java.time.LocalDate.class),
                rs.getString("batch_prefix"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getLong("records"),
                rs.getInt("parts"),
                rs.getObject("watermark", LocalDateTime.class),
                rs.getString("failure_reason"),
                Objects.requireNonNull(instant(rs, "created_at")),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                instant(rs, "retry_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
