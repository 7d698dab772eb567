package org.nyc311.anomaly.store;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.anomaly.engine.AnomalyDetector;
import org.nyc311.model.anomaly.Alert;
import org.nyc311.model.anomaly.Anomaly;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.series.SeriesKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The service's own tables in PostgreSQL: events seen, forecast snapshot, check state, anomalies, alerts and their
 * events, and analysts' reviews of alerts (acknowledgements and labels, append-only).
 */
@Repository
public class AnomalyRepository {

    /** Any constant: one check at a time across every instance sharing the database. */
    private static final long CHECK_LOCK = 311_084L;

    private final JdbcTemplate jdbc;

    public AnomalyRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises checks until the surrounding transaction ends (two deliveries at once must not both run). */
    public void lockChecks() {
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> {}, CHECK_LOCK);
    }

    public boolean processed(UUID eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM processed_event WHERE event_id = ?)", Boolean.class, eventId));
    }

    /** Records that an event was judged, with what its check did (read back by {@link #recentChecks}). */
    public void markProcessed(
            UUID eventId, String forecastRunId, LocalDate lastActualDate, Instant at, CheckCounts counts) {
        jdbc.update(
                """
                INSERT INTO processed_event (event_id, forecast_run_id, processed_at, last_actual_date, forecasts_stored,
                    days_checked, anomalies, alerts_opened, alerts_closed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                eventId,
                forecastRunId,
                Timestamp.from(at),
                Date.valueOf(lastActualDate),
                counts.forecastsStored(),
                counts.daysChecked(),
                counts.anomalies(),
                counts.alertsOpened(),
                counts.alertsClosed());
    }

    /** The newest checks first. */
    public List<RecordedCheck> recentChecks(int limit) {
        return jdbc.query(
                """
                SELECT event_id, forecast_run_id, processed_at, last_actual_date, forecasts_stored, days_checked, anomalies,
                    alerts_opened, alerts_closed
                FROM processed_event ORDER BY processed_at DESC, event_id LIMIT ?""",
                (rs, i) -> new RecordedCheck(
                        rs.getObject("event_id", UUID.class),
                        rs.getString("forecast_run_id"),
                        rs.getTimestamp("processed_at").toInstant(),
                        Optional.ofNullable(rs.getDate("last_actual_date"))
                                .map(Date::toLocalDate)
                                .orElse(null),
                        rs.getObject("forecasts_stored", Integer.class),
                        rs.getObject("days_checked", Integer.class),
                        rs.getObject("anomalies", Integer.class),
                        rs.getObject("alerts_opened", Integer.class),
                        rs.getObject("alerts_closed", Integer.class)),
                limit);
    }

    /** What one check did, as stored with its event. */
    public record CheckCounts(
            @Nullable int forecastsStored, int daysChecked, int anomalies, int alertsOpened, int alertsClosed) {}

    /** A check as recorded; the counts are null for checks recorded before they were kept. */
    public record RecordedCheck(
            UUID eventId,
            String forecastRunId,
            Instant processedAt,
            @Nullable LocalDate lastActualDate,
            Integer forecastsStored,
            @Nullable Integer daysChecked,
            @Nullable Integer anomalies,
            @Nullable Integer alertsOpened,
            @Nullable Integer alertsClosed) {}

    /**
     * Stores the points of a forecast where it is the shortest horizon seen to their day: a later
     * run's longer-horizon point never replaces a shorter one. Points on or before the forecast's last
     * actual day (none, from forecast-service) and points without a finite, ordered interval are skipped:
     * one bad point must not stop every later check.
     *
     * @return points stored or replaced
     */
    public int storeSnapshot(SeriesForecast forecast) {
        return storeSnapshots(List.of(forecast));
    }

    /**
     * {@link #storeSnapshot} for many forecasts at once: one JDBC batch (sent in chunks of
     * {@value #BATCH_ROWS} rows) instead of a statement per point.
     *
     * @return points stored or replaced
     */
    public int storeSnapshots(List<SeriesForecast> forecasts) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> firstWeek = new ArrayList<>();
        for (SeriesForecast forecast : forecasts) {
            for (var point : forecast.points()) {
                long horizon =
                        point.date().toEpochDay() - forecast.lastActualDate().toEpochDay();
                // a point that is not a forecast made before its day, or not a usable interval, is never judged by
                if (horizon < 1
                        || !Double.isFinite(point.yhat())
                        || !Double.isFinite(point.lower())
                        || !Double.isFinite(point.upper())
                        || point.lower() > point.upper()) {
                    continue;
                }
                rows.add(new Object[] {
                    forecast.seriesId(),
                    Date.valueOf(point.date()),
                    forecast.forecastRunId(),
                    Date.valueOf(forecast.lastActualDate()),
                    (int) horizon,
                    point.yhat(),
                    point.lower(),
                    point.upper()
                });
                if (horizon <= MORNING_HORIZON) {
                    firstWeek.add(new Object[] {
                        forecast.seriesId(),
                        Date.valueOf(forecast.lastActualDate()),
                        Date.valueOf(point.date()),
                        forecast.forecastRunId(),
                        point.yhat(),
                        point.lower(),
                        point.upper()
                    });
                }
            }
        }
        // a morning's forecast is the first one stored for it: a redelivered run changes nothing
        batch(
                "INSERT INTO forecast_by_morning (series_id, last_actual_date, target_date, forecast_run_id, yhat, lower_bound, "
                        + "upper_bound) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                firstWeek);
        return batch(
                "INSERT INTO forecast_snapshot (series_id, target_date, forecast_run_id, "
                        + "last_actual_date, horizon, yhat, lower_bound, upper_bound) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (series_id, target_date) DO UPDATE SET forecast_run_id = EXCLUDED.forecast_run_id, "
                        + "last_actual_date = EXCLUDED.last_actual_date, horizon = EXCLUDED.horizon, yhat = EXCLUDED.yhat, "
                        + "lower_bound = EXCLUDED.lower_bound, upper_bound = EXCLUDED.upper_bound "
                        + "WHERE EXCLUDED.horizon < forecast_snapshot.horizon",
                rows);
    }

    /** Sends {@code rows} through {@code sql} in JDBC batches of {@value #BATCH_ROWS}; returns the rows changed. */
    private int batch(String sql, List<Object[]> rows) {
        int changed = 0;
        for (int[] chunk : jdbc.batchUpdate(sql, rows, BATCH_ROWS, (ps, row) -> {
            for (int i = 0; i < row.length; i++) {
                ps.setObject(i + 1, row[i]);
            }
        })) {
            for (int count : chunk) {
                changed += Math.max(count, 0);
            }
        }
        return changed;
    }

    private static final int BATCH_ROWS = 1000;

    /**
     * How far ahead a morning's forecast is kept in {@code forecast_by_morning}: as far as anomaly-engine judges a
     * run against the forecast made before it.
     */
    static final int MORNING_HORIZON = AnomalyDetector.MAX_FROZEN_DAYS + 1;

    /**
     * The forecasts of every series' mornings for days from {@code from} on, by series id, then by the morning's
     * last day of history, then by day: one query for all series.
     */
    public Map<String, TreeMap<LocalDate, Map<LocalDate, SnapshotPoint>>> mornings(LocalDate from) {
        Map<String, TreeMap<LocalDate, Map<LocalDate, SnapshotPoint>>> bySeries = new HashMap<>();
        jdbc.query(
                "SELECT series_id, last_actual_date, target_date, forecast_run_id, yhat, lower_bound, upper_bound "
                        + "FROM forecast_by_morning WHERE target_date >= ?",
                rs -> {
                    LocalDate morning = rs.getObject(2, LocalDate.class);
                    LocalDate day = rs.getObject(3, LocalDate.class);
                    bySeries.computeIfAbsent(rs.getString(1), id -> new TreeMap<>())
                            .computeIfAbsent(morning, m -> new HashMap<>())
                            .put(
                                    day,
                                    new SnapshotPoint(
                                            day,
                                            rs.getString(4),
                                            (int) (day.toEpochDay() - morning.toEpochDay()),
                                            rs.getDouble(5),
                                            rs.getDouble(6),
                                            rs.getDouble(7)));
                },
                Date.valueOf(from));
        return bySeries;
    }

    /** Deletes the mornings' forecasts of days before {@code day}: no check reads that far back. */
    public int forgetMorningsBefore(LocalDate day) {
        return jdbc.update("DELETE FROM forecast_by_morning WHERE target_date < ?", Date.valueOf(day));
    }

    /**
     * Every series of the snapshot with its first and last forecast day, last checked day and the start of its oldest
     * open alert or run still going: one query for what a check needs to know of all series.
     */
    public List<SeriesCheckState> checkStates() {
        return jdbc.query(
                """
                SELECT s.series_id, s.first_day, s.last_day, c.last_checked_date, LEAST(a.open_start, c.run_start)
                FROM (SELECT series_id, min(target_date) AS first_day, max(target_date) AS last_day
                      FROM forecast_snapshot GROUP BY series_id) s
                LEFT JOIN check_state c ON c.series_id = s.series_id
                LEFT JOIN (SELECT series_id, min(episode_start) AS open_start FROM alert WHERE status = 'OPEN'
                           GROUP BY series_id) a ON a.series_id = s.series_id
                ORDER BY s.series_id""",
                (rs, n) -> new SeriesCheckState(
                        rs.getString(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class),
                        Optional.ofNullable(rs.getObject(4, LocalDate.class)),
                        Optional.ofNullable(rs.getObject(5, LocalDate.class))));
    }

    /** The snapshot of every series from {@code from} on, by series id and day: one query for all series. */
    public Map<String, TreeMap<LocalDate, SnapshotPoint>> snapshots(LocalDate from) {
        Map<String, TreeMap<LocalDate, SnapshotPoint>> bySeries = new HashMap<>();
        jdbc.query(
                "SELECT series_id, target_date, forecast_run_id, horizon, yhat, lower_bound, upper_bound FROM forecast_snapshot "
                        + "WHERE target_date >= ?",
                rs -> {
                    LocalDate day = rs.getObject(2, LocalDate.class);
                    bySeries.computeIfAbsent(rs.getString(1), id -> new TreeMap<>())
                            .put(
                                    day,
                                    new SnapshotPoint(
                                            day,
                                            rs.getString(3),
                                            rs.getInt(4),
                                            rs.getDouble(5),
                                            rs.getDouble(6),
                                            rs.getDouble(7)));
                },
                Date.valueOf(from));
        return bySeries;
    }

    /** Where a check left each series it judged, in one batch. */
    public void setLastChecked(Map<String, CheckedThrough> series, Instant at) {
        jdbc.batchUpdate(
                "INSERT INTO check_state (series_id, last_checked_date, run_start, checked_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (series_id) DO UPDATE SET last_checked_date = EXCLUDED.last_checked_date, "
                        + "run_start = EXCLUDED.run_start, checked_at = EXCLUDED.checked_at",
                series.entrySet().stream()
                        .map(e -> new Object[] {
                            e.getKey(),
                            Date.valueOf(e.getValue().day()),
                            e.getValue().runningSince().map(Date::valueOf).orElse(null),
                            Timestamp.from(at)
                        })
                        .toList());
    }

    public TreeMap<LocalDate, SnapshotPoint> snapshot(String seriesId, LocalDate from) {
        TreeMap<LocalDate, SnapshotPoint> points = new TreeMap<>();
        jdbc.query(
                "SELECT target_date, forecast_run_id, horizon, yhat, lower_bound, upper_bound FROM forecast_snapshot "
                        + "WHERE series_id = ? AND target_date >= ?",
                rs -> {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    points.put(
                            day,
                            new SnapshotPoint(
                                    day,
                                    rs.getString(2),
                                    rs.getInt(3),
                                    rs.getDouble(4),
                                    rs.getDouble(5),
                                    rs.getDouble(6)));
                },
                seriesId,
                Date.valueOf(from));
        return points;
    }

    /** @return whether the anomaly is new (a day already recorded keeps its first record) */
    public boolean recordAnomaly(Anomaly anomaly, Instant at) {
        return jdbc.update(
                        "INSERT INTO anomaly (series_id, date, complaint_type_key, borough_key, actual, yhat, lower_bound, "
                                + "upper_bound, z_score, direction, forecast_run_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                + "ON CONFLICT (series_id, date) DO NOTHING",
                        anomaly.series().id(),
                        Date.valueOf(anomaly.date()),
                        anomaly.series().complaintTypeKey().orElse(SeriesKey.ALL),
                        anomaly.series().borough().map(b -> b.key()).orElse(SeriesKey.ALL),
                        anomaly.actual(),
                        anomaly.yhat(),
                        anomaly.lower(),
                        anomaly.upper(),
                        anomaly.zScore(),
                        anomaly.direction().name(),
                        anomaly.forecastRunId(),
                        Timestamp.from(at))
                == 1;
    }

    public Optional<Alert> findAlert(UUID id) {
        return jdbc.query(ALERT_COLUMNS + " FROM alert WHERE alert_id = ?", AnomalyRepository::alert, id).stream()
                .findFirst();
    }

    /**
     * Inserts the alert, or updates it (an episode grew or closed, or was superseded), with the detection settings it
     * was derived under ({@code AnomalyProperties#derivedUnder}). The day it opened stays the one its OPENED event
     * announced, unless the alert is now derived under other settings.
     */
    public void saveAlert(Alert alert, @Nullable String derivedUnder, Instant at) {
        jdbc.update(
                "INSERT INTO alert (alert_id, series_id, status, episode_start, opened_on, last_anomalous_date, closed_on, "
                        + "anomalous_days, peak_z_score, opened_by, closed_because, derived_under, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (alert_id) DO UPDATE SET status = EXCLUDED.status, "
                        // the day announced stays, unless other settings derive the alert now
                        + "opened_on = CASE WHEN alert.derived_under IS DISTINCT FROM EXCLUDED.derived_under "
                        + "THEN EXCLUDED.opened_on ELSE alert.opened_on END, "
                        + "last_anomalous_date = EXCLUDED.last_anomalous_date, "
                        + "closed_on = EXCLUDED.closed_on, anomalous_days = EXCLUDED.anomalous_days, peak_z_score = EXCLUDED.peak_z_score, "
                        + "opened_by = EXCLUDED.opened_by, closed_because = EXCLUDED.closed_because, "
                        + "derived_under = EXCLUDED.derived_under, updated_at = EXCLUDED.updated_at",
                alert.id(),
                alert.series().id(),
                alert.status().name(),
                Date.valueOf(alert.episodeStart()),
                Date.valueOf(alert.openedOn()),
                Date.valueOf(alert.lastAnomalousDate()),
                alert.closedOn() == null ? null : Date.valueOf(alert.closedOn()),
                alert.anomalousDays(),
                alert.peakZScore(),
                alert.openedBy().name(),
                alert.closedBecause() == null ? null : alert.closedBecause().name(),
                derivedUnder,
                Timestamp.from(at));
    }

    /**
     * Every open alert by series, with the settings it was last derived under: what a check compares with the alerts
     * it derives again. One query for all series.
     */
    public Map<String, List<StoredAlert>> openAlertsBySeries() {
        Map<String, List<StoredAlert>> bySeries = new HashMap<>();
        jdbc.query(
                ALERT_COLUMNS + ", derived_under FROM alert WHERE status = 'OPEN'",
                (org.springframework.jdbc.core.RowCallbackHandler)
                        rs -> bySeries.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                                .add(new StoredAlert(alert(rs, 0), rs.getString("derived_under"))));
        return bySeries;
    }

    /** Records that a check derived the open alert again under {@code derivedUnder}, unchanged. */
    public void setDerivedUnder(UUID alertId, String derivedUnder, Instant at) {
        jdbc.update(
                "UPDATE alert SET derived_under = ?, updated_at = ? WHERE alert_id = ?",
                derivedUnder,
                Timestamp.from(at),
                alertId);
    }

    /**
     * Records an alert's transition and its event (the ledger {@code alert_event}; the event itself goes
     * through the outbox {@code event_outbox}).
     *
     * @return whether the event is new (one per alert and transition)
     */
    public boolean recordAlertEvent(AnomalyAlert event, String payload, Instant at) {
        return jdbc.update(
                        "INSERT INTO alert_event (event_id, alert_id, transition, payload, created_at) VALUES (?, ?, ?, ?, ?) "
                                + "ON CONFLICT (event_id) DO NOTHING",
                        event.eventId(),
                        event.alert().id(),
                        event.transition().name(),
                        payload,
                        Timestamp.from(at))
                == 1;
    }

    public List<Anomaly> anomalies(AnomalyQuery query) {
        StringBuilder sql =
                new StringBuilder("SELECT series_id, date, actual, yhat, lower_bound, upper_bound, z_score, direction, "
                        + "forecast_run_id FROM anomaly WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        query.from().ifPresent(d -> {
            sql.append(" AND date >= ?");
            values.add(Date.valueOf(d));
        });
        query.to().ifPresent(d -> {
            sql.append(" AND date <= ?");
            values.add(Date.valueOf(d));
        });
        query.complaintTypeKey().ifPresent(k -> {
            sql.append(" AND complaint_type_key = ?");
            values.add(k);
        });
        query.boroughKey().ifPresent(k -> {
            sql.append(" AND borough_key = ?");
            values.add(k);
        });
        query.minSeverity().ifPresent(s -> {
            sql.append(" AND abs(z_score) >= ?");
            values.add(s);
        });
        query.direction().ifPresent(d -> {
            sql.append(" AND direction = ?");
            values.add(d.name());
        });
        sql.append(" ORDER BY date DESC, series_id LIMIT ?");
        values.add(query.limit());
        return jdbc.query(
                sql.toString(),
                (rs, n) -> new Anomaly(
                        SeriesKey.parse(rs.getString(1)),
                        rs.getObject(2, LocalDate.class),
                        rs.getLong(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        rs.getDouble(6),
                        rs.getDouble(7),
                        Anomaly.Direction.valueOf(rs.getString(8)),
                        rs.getString(9)),
                values.toArray());
    }

    public List<Alert> alerts(Optional<Alert.Status> status, int limit) {
        if (status.isPresent()) {
            return jdbc.query(
                    ALERT_COLUMNS + " FROM alert WHERE status = ? ORDER BY opened_on DESC, series_id LIMIT ?",
                    AnomalyRepository::alert,
                    status.get().name(),
                    limit);
        }
        return jdbc.query(
                ALERT_COLUMNS + " FROM alert ORDER BY opened_on DESC, series_id LIMIT ?",
                AnomalyRepository::alert,
                limit);
    }

    /**
     * Records that {@code actor} has seen the alert; the first acknowledgement stands.
     *
     * @return whether this one was recorded (false: the alert was acknowledged already)
     */
    public boolean acknowledge(UUID alertId, String actor, Instant at) {
        return jdbc.update(
                        "INSERT INTO alert_review (alert_id, kind, actor, recorded_at) VALUES (?, 'ACKNOWLEDGED', ?, ?) "
                                + "ON CONFLICT (alert_id) WHERE kind = 'ACKNOWLEDGED' DO NOTHING",
                        alertId,
                        actor,
                        Timestamp.from(at))
                == 1;
    }

    /** Adds a label to the alert's history; it becomes the alert's current label. */
    public void label(UUID alertId, AlertReview.Label label) {
        jdbc.update(
                "INSERT INTO alert_review (alert_id, kind, verdict, note, actor, recorded_at) VALUES (?, 'LABELLED', ?, ?, ?, ?)",
                alertId,
                label.verdict().name(),
                label.note(),
                label.actor(),
                Timestamp.from(label.at()));
    }

    /** The alert's label history, oldest first: the last is its current label. */
    public List<AlertReview.Label> labels(UUID alertId) {
        return jdbc.query(
                "SELECT verdict, note, actor, recorded_at FROM alert_review WHERE alert_id = ? AND kind = 'LABELLED' "
                        + "ORDER BY review_id",
                AnomalyRepository::label,
                alertId);
    }

    /** Each alert's acknowledgement and current label; alerts no one has reviewed are absent. */
    public Map<UUID, AlertReview> reviews(Collection<UUID> alertIds) {
        Map<UUID, AlertReview> reviews = new HashMap<>();
        if (alertIds.isEmpty()) {
            return reviews;
        }
        // the acknowledgement and the latest label per alert, in one query
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement("""
                    SELECT DISTINCT ON (alert_id, kind) alert_id, kind, verdict, note, actor, recorded_at FROM alert_review
                    WHERE alert_id = ANY (?) ORDER BY alert_id, kind, review_id DESC""");
                    statement.setArray(1, connection.createArrayOf("uuid", alertIds.toArray()));
                    return statement;
                },
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    UUID id = rs.getObject("alert_id", UUID.class);
                    AlertReview review = reviews.getOrDefault(id, AlertReview.NONE);
                    reviews.put(
                            id,
                            "ACKNOWLEDGED".equals(rs.getString("kind"))
                                    ? new AlertReview(
                                            new AlertReview.Acknowledgement(
                                                    rs.getString("actor"),
                                                    rs.getTimestamp("recorded_at")
                                                            .toInstant()),
                                            review.label())
                                    : new AlertReview(review.acknowledgement(), label(rs, 0)));
                });
        return reviews;
    }

    /**
     * The labelled precision of the alerts opened on or after {@code from}, per rule that opened them (the rules that
     * opened any): each alert's latest label counts. Per rule, so that people can see whether one rule's alerts are
     * worth more than another's; {@link AlertReview.Precision#total} adds them up.
     */
    public Map<Alert.OpenedBy, AlertReview.Precision> precisionByRule(LocalDate from) {
        Map<Alert.OpenedBy, AlertReview.Precision> byRule = new EnumMap<>(Alert.OpenedBy.class);
        jdbc.query(
                """
                SELECT a.opened_by, count(*), count(l.verdict), count(*) FILTER (WHERE l.verdict = 'REAL')
                FROM alert a
                LEFT JOIN LATERAL (SELECT verdict FROM alert_review r WHERE r.alert_id = a.alert_id AND r.kind = 'LABELLED'
                                   ORDER BY r.review_id DESC LIMIT 1) l ON true
                WHERE a.opened_on >= ?
                GROUP BY a.opened_by""",
                rs -> {
                    byRule.put(
                            Alert.OpenedBy.valueOf(rs.getString(1)),
                            new AlertReview.Precision(rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                },
                Date.valueOf(from));
        return byRule;
    }

    private static AlertReview.Label label(ResultSet rs, int row) throws SQLException {
        return new AlertReview.Label(
                AlertReview.Verdict.valueOf(rs.getString("verdict")),
                rs.getString("note"),
                rs.getString("actor"),
                rs.getTimestamp("recorded_at").toInstant());
    }

    private static final String ALERT_COLUMNS = "SELECT alert_id, series_id, status, episode_start, opened_on, "
            + "last_anomalous_date, closed_on, anomalous_days, peak_z_score, opened_by, closed_because";

    private static Alert alert(ResultSet rs, int row) throws SQLException {
        return new Alert(
                rs.getObject(1, UUID.class),
                SeriesKey.parse(rs.getString(2)),
                Alert.Status.valueOf(rs.getString(3)),
                rs.getObject(4, LocalDate.class),
                rs.getObject(5, LocalDate.class),
                rs.getObject(6, LocalDate.class),
                rs.getObject(7, LocalDate.class),
                rs.getInt(8),
                rs.getDouble(9),
                Alert.OpenedBy.valueOf(rs.getString(10)),
                // closed before the reason was stored: back inside (Alert says so)
                rs.getString(11) == null ? null : Alert.ClosedBecause.valueOf(rs.getString(11)));
    }
}
