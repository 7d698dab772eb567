package org.nyc311.forecastservice.run;

import static org.nyc311.service.database.NullableColumns.doubleOrNull;
import static org.nyc311.service.database.NullableColumns.instant;
import static org.nyc311.service.database.NullableColumns.localDate;
import static org.nyc311.service.database.NullableColumns.longOrNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.forecastservice.fit.FitOutcome;
import org.nyc311.forecastservice.fit.SeriesFit;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.forecast.ForecastPoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forecast runs, series forecasts and points in PostgreSQL.
 *
 * <p>Several instances share this database (a rolling deploy, autoscaling): an instance works on a run
 * only under a {@link RunLease}, and every write it makes to the run afterwards is conditional on that
 * lease's token. Lease expiry is judged by the database's clock ({@code now()}), the one clock every
 * instance shares.
 */
@Repository
public class ForecastRunRepository {

    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public ForecastRunRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a run for the event unless one exists: the unique event id makes a second delivery of the
     * same GoldRefreshed (even a concurrent one) find the first run instead of making another.
     *
     * @return the new run's id, or empty when the event already has a run
     */
    public Optional<UUID> queueForEvent(GoldRefreshed event, int horizonDays, boolean tracked) {
        UUID runId = UUID.randomUUID();
        Long version = event.tableVersions().get("daily_series");
        int inserted = jdbc.update(
                """
                INSERT INTO forecast_run (run_id, trigger, event_id, pipeline_run_id, gold_version, latest_complete,
                    horizon_days, status, created_at, tracking_status)
                VALUES (?, 'EVENT', ?, ?, ?, ?, ?, 'QUEUED', ?, ?)
                ON CONFLICT (event_id) DO NOTHING""",
                runId,
                event.eventId(),
                event.pipelineRunId(),
                version,
                Date.valueOf(event.latestCompleteDate()),
                horizonDays,
                Timestamp.from(clock.instant()),
                tracked ? "PENDING" : "DISABLED");
        return inserted == 1 ? Optional.of(runId) : Optional.empty();
    }

    public UUID createManual(int horizonDays, boolean tracked) {
        UUID runId = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO forecast_run (run_id, trigger, horizon_days, status, created_at, tracking_status)
                VALUES (?, 'MANUAL', ?, 'QUEUED', ?, ?)""", runId, horizonDays, Timestamp.from(clock.instant()), tracked ? "PENDING" : "DISABLED");
        return runId;
    }

    /**
     * A training asked for by hand: the manual run already waiting in the queue when there is one (asking twice
     * before it starts queues one training, not two), else a new one. Concurrent callers are serialized by a
     * transaction-scoped advisory lock, so two at once still make one run.
     *
     * @return the queued run, and whether this call queued it
     */
    public QueuedManual queueManual(int horizonDays, boolean tracked) {
        return jdbc.execute((java.sql.Connection connection) -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (java.sql.Statement lock = connection.createStatement()) {
                    lock.execute("SELECT pg_advisory_xact_lock(" + MANUAL_QUEUE_LOCK + ")");
                }
                QueuedManual queued;
                try (java.sql.PreparedStatement waiting = connection.prepareStatement(
                                "SELECT run_id FROM forecast_run WHERE trigger = 'MANUAL' AND status = 'QUEUED' ORDER BY created_at LIMIT 1");
                        java.sql.ResultSet row = waiting.executeQuery()) {
                    queued = row.next() ? new QueuedManual(row.getObject(1, UUID.class), false) : null;
                }
                if (queued == null) {
                    UUID runId = UUID.randomUUID();
                    try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                            INSERT INTO forecast_run (run_id, trigger, horizon_days, status, created_at, tracking_status)
                            VALUES (?, 'MANUAL', ?, 'QUEUED', ?, ?)""")) {
                        insert.setObject(1, runId);
                        insert.setInt(2, horizonDays);
                        insert.setTimestamp(3, Timestamp.from(clock.instant()));
                        insert.setString(4, tracked ? "PENDING" : "DISABLED");
                        insert.executeUpdate();
                    }
                    queued = new QueuedManual(runId, true);
                }
                connection.commit();
                return queued;
            } catch (java.sql.SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    /** The advisory lock key of the manual queue (any constant no other code of this database uses). */
    private static final long MANUAL_QUEUE_LOCK = 311_001L;

    /** A manual training in the queue; {@code created} when the call that returned it queued it. */
    public record QueuedManual(UUID runId, boolean created) {}

    public int countForEvent(UUID eventId) {
        Integer count =
                jdbc.queryForObject("SELECT count(*) FROM forecast_run WHERE event_id = ?", Integer.class, eventId);
        return count == null ? 0 : count;
    }

    /**
     * Runs an instance may claim to fit: queued ones, and RUNNING ones whose lease expired (the instance
     * fitting them died, or stalled for longer than its lease), oldest first.
     */
    public List<UUID> claimable() {
        return jdbc.queryForList("""
                SELECT run_id FROM forecast_run
                WHERE status = 'QUEUED' OR (status = 'RUNNING' AND (lease_expires_at IS NULL OR lease_expires_at < now()))
                ORDER BY created_at""", UUID.class);
    }

    /**
     * Claims a run to fit it, if it is {@linkplain #claimable() claimable}: the run becomes RUNNING under
     * a new lease of {@code owner}. A run another instance is claiming at this moment is skipped, not
     * waited for ({@code SKIP LOCKED}); one it holds under a live lease is not claimable.
     *
     * @return the lease, or empty when the run is done, held, or being claimed by another instance
     */
    public Optional<RunLease> claimToFit(UUID runId, String owner, Duration lease) {
        UUID token = UUID.randomUUID();
        List<UUID> claimed = jdbc.queryForList(
                """
                UPDATE forecast_run SET status = 'RUNNING', started_at = ?, attempts = attempts + 1,
                    lease_owner = ?, lease_token = ?, lease_expires_at = now() + make_interval(secs => ?)
                WHERE run_id = (
                    SELECT run_id FROM forecast_run
                    WHERE run_id = ?
                      AND (status = 'QUEUED' OR (status = 'RUNNING' AND (lease_expires_at IS NULL OR lease_expires_at < now())))
                    FOR UPDATE SKIP LOCKED)
                RETURNING run_id""", UUID.class, Timestamp.from(clock.instant()), owner, token, seconds(lease), runId);
        return claimed.isEmpty() ? Optional.empty() : Optional.of(new RunLease(runId, token, owner));
    }

    /** Succeeded runs whose tracking or announcement is still to do and that no instance holds, oldest first. */
    public List<UUID> followUpDue() {
        return jdbc.queryForList("""
                SELECT run_id FROM forecast_run
                WHERE status = 'SUCCEEDED' AND (tracking_status = 'PENDING' OR published_at IS NULL)
                  AND (lease_token IS NULL OR lease_expires_at IS NULL OR lease_expires_at < now())
                ORDER BY created_at""", UUID.class);
    }

    /**
     * Claims a succeeded run to track it in MLflow and announce it, when that is still to do and no
     * instance holds it: MLflow gets one parent run and SQS one ForecastsPublished, from the holder.
     */
    public Optional<RunLease> claimFollowUp(UUID runId, String owner, Duration lease) {
        UUID token = UUID.randomUUID();
        List<UUID> claimed = jdbc.queryForList("""
                UPDATE forecast_run SET lease_owner = ?, lease_token = ?, lease_expires_at = now() + make_interval(secs => ?)
                WHERE run_id = (
                    SELECT run_id FROM forecast_run
                    WHERE run_id = ? AND status = 'SUCCEEDED' AND (tracking_status = 'PENDING' OR published_at IS NULL)
                      AND (lease_token IS NULL OR lease_expires_at IS NULL OR lease_expires_at < now())
                    FOR UPDATE SKIP LOCKED)
                RETURNING run_id""", UUID.class, owner, token, seconds(lease), runId);
        return claimed.isEmpty() ? Optional.empty() : Optional.of(new RunLease(runId, token, owner));
    }

    /**
     * Pushes the lease on (the heartbeat). False once another instance has claimed the run: from then on
     * the holder's writes change nothing, and it should stop.
     */
    public boolean renew(RunLease lease, Duration duration) {
        return jdbc.update("""
                UPDATE forecast_run SET lease_expires_at = now() + make_interval(secs => ?)
                WHERE run_id = ? AND lease_token = ?""", seconds(duration), lease.runId(), lease.token()) == 1;
    }

    /** Whether {@code lease} is still the run's (no other instance has claimed it since). */
    public boolean holds(RunLease lease) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM forecast_run WHERE run_id = ? AND lease_token = ?",
                Integer.class,
                lease.runId(),
                lease.token());
        return count != null && count == 1;
    }

    /** The work under the lease is done: the run is free for whatever is still due. */
    public void release(RunLease lease) {
        jdbc.update(
                "UPDATE forecast_run SET lease_token = NULL, lease_expires_at = NULL WHERE run_id = ? AND lease_token = ?",
                lease.runId(),
                lease.token());
    }

    /**
     * This instance is stopping with the work unfinished: the lease ends now, so that another instance (or
     * this one after its restart) takes the run at once instead of after the lease's full length.
     */
    public void expire(RunLease lease) {
        jdbc.update(
                "UPDATE forecast_run SET lease_expires_at = now() WHERE run_id = ? AND lease_token = ?",
                lease.runId(),
                lease.token());
    }

    /**
     * Gold could not be read: back to the queue with the reason (the lease released), or FAILED once
     * {@code maxAttempts} are used up. False, and nothing changed, when the lease was taken over.
     */
    public boolean requeueOrFail(RunLease lease, @Nullable String error, int maxAttempts) {
        return jdbc.update(
                        """
                UPDATE forecast_run SET error = ?,
                    status = CASE WHEN attempts >= ? THEN 'FAILED' ELSE 'QUEUED' END,
                    finished_at = CASE WHEN attempts >= ? THEN CAST(? AS timestamptz) ELSE NULL END,
                    lease_token = NULL, lease_expires_at = NULL
                WHERE run_id = ? AND lease_token = ? AND status = 'RUNNING'""",
                        error,
                        maxAttempts,
                        maxAttempts,
                        Timestamp.from(clock.instant()),
                        lease.runId(),
                        lease.token())
                == 1;
    }

    /**
     * Stores every fit of the run and marks it SUCCEEDED, in one transaction: a run is all there or not
     * at all. Only while {@code lease} is the run's: the row is locked first, so a takeover either waits
     * for this write or makes it change nothing.
     *
     * @return false, with nothing written, when another instance has claimed the run since
     */
    @Transactional
    public boolean succeeded(
            RunLease lease, long goldVersion, LocalDate historyStart, LocalDate lastActualDate, FitOutcome outcome) {
        UUID runId = lease.runId();
        if (jdbc.queryForList(
                        "SELECT run_id FROM forecast_run WHERE run_id = ? AND lease_token = ? AND status = 'RUNNING' FOR UPDATE",
                        UUID.class,
                        runId,
                        lease.token())
                .isEmpty()) {
            return false;
        }
        // a run interrupted and run again must not meet its own half-written rows
        jdbc.update("DELETE FROM forecast_point WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM series_forecast WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM series_failure WHERE run_id = ?", runId);
        List<Object[]> series = new ArrayList<>();
        List<Object[]> points = new ArrayList<>();
        for (SeriesFit fit : outcome.fitted()) {
            Accuracy cv = fit.crossValidation();
            series.add(new Object[] {
                runId,
                fit.key().id(),
                fit.model(),
                toJson(fit.hyperparameters()),
                finite(cv.mape()),
                finite(cv.wape()),
                finite(cv.mase()),
                finite(cv.coverage()),
                cv.points(),
                Date.valueOf(fit.historyStart()),
                Date.valueOf(fit.historyEnd()),
                fit.took().toMillis()
            });
            for (ForecastPoint p : fit.points()) {
                points.add(new Object[] {
                    runId, fit.key().id(), Date.valueOf(p.date()), p.yhat(), p.lower(), p.upper(), p.level()
                });
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO series_forecast (run_id, series_id, model, hyperparameters, cv_mape, cv_wape, cv_mase, cv_coverage,
                    cv_points, history_start, history_end, fit_millis)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)""", series);
        jdbc.batchUpdate(
                "INSERT INTO forecast_point (run_id, series_id, date, yhat, lower, upper, level) VALUES (?, ?, ?, ?, ?, ?, ?)",
                points);
        jdbc.batchUpdate(
                "INSERT INTO series_failure (run_id, series_id, error) VALUES (?, ?, ?)",
                outcome.failed().stream()
                        .map(f -> new Object[] {runId, f.seriesId(), f.error()})
                        .toList());
        Accuracy pooled = outcome.pooled();
        jdbc.update(
                """
                UPDATE forecast_run SET status = 'SUCCEEDED', gold_version = ?, history_start = ?, last_actual_date = ?,
                    series_forecast = ?, series_failed = ?, pooled_mape = ?, pooled_wape = ?, pooled_mase = ?,
                    pooled_coverage = ?, finished_at = ?, error = NULL
                WHERE run_id = ? AND lease_token = ?""",
                goldVersion,
                Date.valueOf(historyStart),
                Date.valueOf(lastActualDate),
                outcome.fitted().size(),
                outcome.failed().size(),
                finite(pooled.mape()),
                finite(pooled.wape()),
                finite(pooled.mase()),
                finite(pooled.coverage()),
                Timestamp.from(clock.instant()),
                runId,
                lease.token());
        return true;
    }

    /** The fit failed: FAILED, the lease released. False, and nothing changed, when the lease was taken over. */
    public boolean failed(RunLease lease, String error) {
        return jdbc.update("""
                UPDATE forecast_run SET status = 'FAILED', error = ?, finished_at = ?, lease_token = NULL, lease_expires_at = NULL
                WHERE run_id = ? AND lease_token = ? AND status = 'RUNNING'""", error, Timestamp.from(clock.instant()), lease.runId(), lease.token()) == 1;
    }

    /** ForecastsPublished is on its queue. False when the lease was taken over (or the run announced already). */
    public boolean published(RunLease lease) {
        return jdbc.update(
                        "UPDATE forecast_run SET published_at = ? WHERE run_id = ? AND lease_token = ? AND published_at IS NULL",
                        Timestamp.from(clock.instant()),
                        lease.runId(),
                        lease.token())
                == 1;
    }

    /**
     * Tracking done: the training's run (which holds every series in its tables), the model version and whether it
     * became champion. {@code series_forecast.mlflow_run_id} is no longer written: it held each series' own run
     * while there was one per series, and is kept for the forecasts stored then.
     *
     * @return false, with nothing written, when the lease was taken over (or the run was tracked already)
     */
    public boolean tracked(
            RunLease lease, String experimentId, String parentRunId, String modelVersion, boolean champion) {
        return jdbc.update("""
                UPDATE forecast_run SET tracking_status = 'TRACKED', tracking_attempts = tracking_attempts + 1,
                    tracking_error = NULL, mlflow_experiment_id = ?, mlflow_run_id = ?, model_version = ?, champion = ?
                WHERE run_id = ? AND lease_token = ? AND tracking_status = 'PENDING'""", experimentId, parentRunId, modelVersion, champion, lease.runId(), lease.token()) == 1;
    }

    /**
     * Records the parent MLflow run a tracking opened, before the series are tracked, so that ForecastsPublished
     * can name it and a retry keeps it; tracking stays PENDING. Only by the lease's holder.
     */
    public boolean trackingOpened(RunLease lease, String experimentId, String parentRunId) {
        return jdbc.update("""
                UPDATE forecast_run SET mlflow_experiment_id = ?, mlflow_run_id = ?
                WHERE run_id = ? AND lease_token = ? AND tracking_status = 'PENDING'""", experimentId, parentRunId, lease.runId(), lease.token()) == 1;
    }

    /** A tracking attempt failed: PENDING for the next, or FAILED after {@code maxAttempts}; only by the lease's holder. */
    public boolean trackingFailed(RunLease lease, String error, int maxAttempts) {
        return jdbc.update("""
                UPDATE forecast_run SET tracking_attempts = tracking_attempts + 1, tracking_error = ?,
                    tracking_status = CASE WHEN tracking_attempts + 1 >= ? THEN 'FAILED' ELSE 'PENDING' END
                WHERE run_id = ? AND lease_token = ? AND tracking_status = 'PENDING'""", error, maxAttempts, lease.runId(), lease.token()) == 1;
    }

    public Optional<ForecastRun> find(UUID runId) {
        return jdbc.query("SELECT * FROM forecast_run WHERE run_id = ?", RUN, runId).stream()
                .findFirst();
    }

    public List<ForecastRun> recent(int limit) {
        return jdbc.query("SELECT * FROM forecast_run ORDER BY created_at DESC LIMIT ?", RUN, limit);
    }

    /** Every series fit of a run, without points (for tracking). */
    public List<StoredSeriesForecast> seriesOf(UUID runId) {
        List<StoredSeriesForecast> rows = jdbc.query("""
                SELECT s.*, r.mlflow_run_id AS training_mlflow_run_id, r.mlflow_experiment_id, r.model_version, r.gold_version FROM series_forecast s
                JOIN forecast_run r ON r.run_id = s.run_id WHERE s.run_id = ? ORDER BY s.series_id""", (rs, n) -> seriesForecast(rs, List.of()), runId);
        return rows;
    }

    /**
     * Every series of a run with all its points, in two queries whatever the number of series: what tracking
     * and the bulk read of a run need, without a query per series.
     */
    public List<StoredSeriesForecast> seriesWithPoints(UUID runId) {
        Map<String, List<ForecastPoint>> points = new java.util.HashMap<>();
        jdbc.query(
                "SELECT series_id, date, yhat, lower, upper, level FROM forecast_point WHERE run_id = ? ORDER BY series_id, date",
                rs -> {
                    points.computeIfAbsent(rs.getString("series_id"), id -> new ArrayList<>())
                            .add(new ForecastPoint(
                                    rs.getDate("date").toLocalDate(),
                                    rs.getDouble("yhat"),
                                    rs.getDouble("lower"),
                                    rs.getDouble("upper"),
                                    rs.getDouble("level")));
                },
                runId);
        return seriesOf(runId).stream()
                .map(s -> new StoredSeriesForecast(
                        s.runId(),
                        s.seriesId(),
                        s.model(),
                        s.hyperparameters(),
                        s.cvMape(),
                        s.cvWape(),
                        s.cvMase(),
                        s.cvCoverage(),
                        s.cvPoints(),
                        s.historyStart(),
                        s.historyEnd(),
                        s.mlflowRunId(),
                        s.mlflowExperimentId(),
                        s.modelVersion(),
                        s.goldVersion(),
                        points.getOrDefault(s.seriesId(), List.of())))
                .toList();
    }

    /** The series' forecast from its newest succeeded run, with up to {@code horizon} points. */
    public Optional<StoredSeriesForecast> latest(String seriesId, int horizon) {
        return latest(seriesId, horizon, Optional.empty());
    }

    /**
     * The newest stored forecast of a series; with {@code madeBefore}, the newest one whose history
     * ended before that day: the forecast that was current on the morning of it (what the day's actual
     * is judged against).
     */
    public Optional<StoredSeriesForecast> latest(String seriesId, int horizon, Optional<LocalDate> madeBefore) {
        List<StoredSeriesForecast> found = jdbc.query(
                """
                SELECT s.*, r.mlflow_run_id AS training_mlflow_run_id, r.mlflow_experiment_id, r.model_version, r.gold_version FROM series_forecast s
                JOIN forecast_run r ON r.run_id = s.run_id
                WHERE s.series_id = ? AND r.status = 'SUCCEEDED' AND (CAST(? AS date) IS NULL OR s.history_end < ?)
                ORDER BY r.finished_at DESC, r.created_at DESC LIMIT 1""",
                (rs, n) -> seriesForecast(rs, List.of()),
                seriesId,
                madeBefore.map(Date::valueOf).orElse(null),
                madeBefore.map(Date::valueOf).orElse(null));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredSeriesForecast head = found.get(0);
        List<ForecastPoint> points = points(head.runId(), seriesId, horizon);
        return Optional.of(new StoredSeriesForecast(
                head.runId(),
                head.seriesId(),
                head.model(),
                head.hyperparameters(),
                head.cvMape(),
                head.cvWape(),
                head.cvMase(),
                head.cvCoverage(),
                head.cvPoints(),
                head.historyStart(),
                head.historyEnd(),
                head.mlflowRunId(),
                head.mlflowExperimentId(),
                head.modelVersion(),
                head.goldVersion(),
                points));
    }

    public List<ForecastPoint> points(UUID runId, String seriesId, int limit) {
        return jdbc.query(
                """
                SELECT date, yhat, lower, upper, level FROM forecast_point WHERE run_id = ? AND series_id = ?
                ORDER BY date LIMIT ?""",
                (rs, n) -> new ForecastPoint(
                        rs.getDate("date").toLocalDate(),
                        rs.getDouble("yhat"),
                        rs.getDouble("lower"),
                        rs.getDouble("upper"),
                        rs.getDouble("level")),
                runId,
                seriesId,
                limit);
    }

    /**
     * For each day of {@code from..to}, the point of the newest succeeded forecast whose history ended
     * before that day: the forecast that was current on the day's morning. Days no forecast covered are
     * left out.
     */
    public List<ForecastPoint> pastForecasts(String seriesId, LocalDate from, LocalDate to) {
        return jdbc.query(
                """
                SELECT DISTINCT ON (p.date) p.date, p.yhat, p.lower, p.upper, p.level
                FROM forecast_point p
                JOIN series_forecast s ON s.run_id = p.run_id AND s.series_id = p.series_id
                JOIN forecast_run r ON r.run_id = p.run_id
                WHERE p.series_id = ? AND r.status = 'SUCCEEDED' AND p.date BETWEEN ? AND ? AND s.history_end < p.date
                ORDER BY p.date, s.history_end DESC, r.finished_at DESC""",
                (rs, n) -> new ForecastPoint(
                        rs.getDate("date").toLocalDate(),
                        rs.getDouble("yhat"),
                        rs.getDouble("lower"),
                        rs.getDouble("upper"),
                        rs.getDouble("level")),
                seriesId,
                Date.valueOf(from),
                Date.valueOf(to));
    }

    public int pointCount(UUID runId) {
        Integer count =
                jdbc.queryForObject("SELECT count(*) FROM forecast_point WHERE run_id = ?", Integer.class, runId);
        return count == null ? 0 : count;
    }

    private StoredSeriesForecast seriesForecast(ResultSet rs, List<ForecastPoint> points) throws SQLException {
        return new StoredSeriesForecast(
                rs.getObject("run_id", UUID.class),
                rs.getString("series_id"),
                rs.getString("model"),
                fromJson(rs.getString("hyperparameters")),
                doubleOrNull(rs, "cv_mape"),
                doubleOrNull(rs, "cv_wape"),
                doubleOrNull(rs, "cv_mase"),
                doubleOrNull(rs, "cv_coverage"),
                rs.getInt("cv_points"),
                rs.getDate("history_start").toLocalDate(),
                rs.getDate("history_end").toLocalDate(),
                rs.getString("training_mlflow_run_id"),
                rs.getString("mlflow_experiment_id"),
                rs.getString("model_version"),
                longOrNull(rs, "gold_version"),
                points);
    }

    private static final RowMapper<ForecastRun> RUN = (rs, n) -> new ForecastRun(
            rs.getObject("run_id", UUID.class),
            ForecastRun.Trigger.valueOf(rs.getString("trigger")),
            rs.getObject("event_id", UUID.class),
            rs.getString("pipeline_run_id"),
            longOrNull(rs, "gold_version"),
            localDate(rs, "latest_complete"),
            rs.getInt("horizon_days"),
            ForecastRun.Status.valueOf(rs.getString("status")),
            localDate(rs, "history_start"),
            localDate(rs, "last_actual_date"),
            rs.getInt("series_forecast"),
            rs.getInt("series_failed"),
            doubleOrNull(rs, "pooled_mape"),
            doubleOrNull(rs, "pooled_wape"),
            doubleOrNull(rs, "pooled_mase"),
            doubleOrNull(rs, "pooled_coverage"),
            rs.getString("error"),
            rs.getInt("attempts"),
            Objects.requireNonNull(instant(rs, "created_at")),
            instant(rs, "finished_at"),
            ForecastRun.TrackingStatus.valueOf(rs.getString("tracking_status")),
            rs.getInt("tracking_attempts"),
            rs.getString("tracking_error"),
            rs.getString("mlflow_run_id"),
            rs.getString("model_version"),
            (Boolean) rs.getObject("champion"),
            instant(rs, "published_at"),
            rs.getString("lease_owner"),
            instant(rs, "lease_expires_at"));

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** NaN (e.g. MAPE over all-zero actuals) is stored as NULL: "undefined", not a number. */
    private static @Nullable Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private String toJson(Map<String, String> map) {
        try {
            return json.writeValueAsString(new java.util.TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> fromJson(String text) {
        try {
            return json.readValue(text, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable hyperparameters in the database: " + text, e);
        }
    }
}
