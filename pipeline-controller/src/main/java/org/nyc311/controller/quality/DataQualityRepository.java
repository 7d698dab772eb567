package org.nyc311.controller.quality;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.pipeline.DataQualityAlertView.Kind;
import org.nyc311.controller.quality.DataQualityRules.Finding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The feed's history and the alerts raised on it, in PostgreSQL. Every write may be repeated without effect. */
@Repository
public class DataQualityRepository {

    private static final String ALERT_COLUMNS =
            "id, kind, subject, day, pipeline_run_id, observed, expected, detail, raised_at";

    private final JdbcClient jdbc;

    public DataQualityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records each date's citywide requests; a date recorded before takes the newer count (late records). */
    public void recordCitywide(UUID runId, Map<LocalDate, Long> requestsPerDate, Instant now) {
        for (Map.Entry<LocalDate, Long> day : requestsPerDate.entrySet()) {
            jdbc.sql("""
                    INSERT INTO citywide_day (day, requests, pipeline_run_id, recorded_at)
                    VALUES (:day, :requests, :run, :now)
                    ON CONFLICT (day) DO UPDATE
                    SET requests = EXCLUDED.requests, pipeline_run_id = EXCLUDED.pipeline_run_id,
                        recorded_at = EXCLUDED.recorded_at""")
                    .param("day", Date.valueOf(day.getKey()))
                    .param("requests", day.getValue())
                    .param("run", runId)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    /** Citywide requests per day from {@code from} on. */
    public SortedMap<LocalDate, Long> citywideSince(LocalDate from) {
        SortedMap<LocalDate, Long> days = new TreeMap<>();
        jdbc.sql("SELECT day, requests FROM citywide_day WHERE day >= :from")
                .param("from", Date.valueOf(from))
                .query(rs -> {
                    days.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
                });
        return days;
    }

    /**
     * The first complete day the checks judge, set once: {@code candidate} on the first call (the first run's latest
     * complete day), what was set before on every later one.
     */
    public LocalDate judgedFrom(LocalDate candidate, Instant now) {
        jdbc.sql("""
                INSERT INTO data_quality_watch (only_row, judged_from, started_at) VALUES (true, :day, :now)
                ON CONFLICT (only_row) DO NOTHING""")
                .param("day", Date.valueOf(candidate))
                .param("now", Timestamp.from(now))
                .update();
        return jdbc.sql("SELECT judged_from FROM data_quality_watch")
                .query((rs, row) -> rs.getDate(1).toLocalDate())
                .single();
    }

    /** The first complete day the checks judge, once a run has set it. */
    public Optional<LocalDate> judgedFrom() {
        return jdbc.sql("SELECT judged_from FROM data_quality_watch")
                .query((rs, row) -> rs.getDate(1).toLocalDate())
                .optional();
    }

    /** Records a run's quarantine counts; false when they were recorded before (the run judged again). */
    public boolean recordQuarantine(UUID runId, long recordsIn, long quarantined, Instant now) {
        return jdbc.sql("""
                INSERT INTO run_quarantine (pipeline_run_id, records_in, quarantined, recorded_at)
                VALUES (:run, :recordsIn, :quarantined, :now)
                ON CONFLICT (pipeline_run_id) DO NOTHING""")
                        .param("run", runId)
                        .param("recordsIn", recordsIn)
                        .param("quarantined", quarantined)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** The quarantine rates of the newest runs before {@code runId} with at least {@code minRecords} records. */
    public List<Double> quarantineRatesBefore(UUID runId, long minRecords, int limit) {
        return jdbc.sql("""
                SELECT quarantined::double precision / records_in FROM run_quarantine
                WHERE pipeline_run_id <> :run AND records_in >= :min
                  AND recorded_at <= coalesce((SELECT recorded_at FROM run_quarantine WHERE pipeline_run_id = :run),
                                              'infinity'::timestamptz)
                ORDER BY recorded_at DESC LIMIT :limit""")
                .param("run", runId)
                .param("min", minRecords)
                .param("limit", limit)
                .query(Double.class)
                .list();
    }

    /** Stores a finding as an alert (after run {@code runId}, or none); false when one of its kind and subject was raised before. */
    public boolean raise(Finding finding, @Nullable UUID runId, Instant now) {
        return jdbc.sql("""
                INSERT INTO data_quality_alert (id, kind, subject, day, pipeline_run_id, observed, expected, detail,
                                                raised_at)
                VALUES (:id, :kind, :subject, :day, :run, :observed, :expected, :detail, :now)
                ON CONFLICT (kind, subject) DO NOTHING""")
                        .param("id", UUID.randomUUID())
                        .param("kind", finding.kind().name())
                        .param("subject", finding.subject())
                        .param("day", finding.day() == null ? null : Date.valueOf(finding.day()))
                        .param("run", runId)
                        .param("observed", finding.observed())
                        .param("expected", finding.expected())
                        .param("detail", finding.detail())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Alerts stored but not logged yet, oldest first: the ones just raised, or left by an attempt that died. */
    public List<DataQualityAlert> unnotified() {
        return jdbc.sql("SELECT " + ALERT_COLUMNS + " FROM data_quality_alert WHERE notified_at IS NULL"
                        + " ORDER BY raised_at, id")
                .query(DataQualityRepository::alert)
                .list();
    }

    public void markNotified(UUID alertId, Instant now) {
        jdbc.sql("UPDATE data_quality_alert SET notified_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", alertId)
                .update();
    }

    /** The newest alerts first. */
    public List<DataQualityAlert> recent(int limit) {
        return jdbc.sql("SELECT " + ALERT_COLUMNS + " FROM data_quality_alert ORDER BY raised_at DESC, id LIMIT :limit")
                .param("limit", limit)
                .query(DataQualityRepository::alert)
                .list();
    }

    private static DataQualityAlert alert(ResultSet rs, int row) throws SQLException {
        Date day = rs.getDate("day");
        return new DataQualityAlert(
                rs.getObject("id", UUID.class),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("subject"),
                day == null ? null : day.toLocalDate(),
                rs.getObject("pipeline_run_id", UUID.class),
                rs.getDouble("observed"),
                rs.getDouble("expected"),
                rs.getString("detail"),
                rs.getTimestamp("raised_at").toInstant());
    }
}
