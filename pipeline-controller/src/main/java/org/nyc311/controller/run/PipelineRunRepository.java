package org.nyc311.controller.run;

import static org.nyc311.service.database.NullableColumns.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.pipeline.PipelineRunView.BatchView.Reason;
import org.nyc311.model.pipeline.RunResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pipeline runs and raw batches in PostgreSQL. Every state change is one guarded UPDATE. */
@Repository
public class PipelineRunRepository {

    private static final String RUN_COLUMNS = "id, state, created_at, started_at, finished_at, attempt_count, "
            + "next_attempt_at, job_run_id, error, result_json, gold_refreshed_event_id";
    private static final String BATCH_COLUMNS =
            "b.event_id, b.ingestion_run_id, b.bucket, b.batch_prefix, b.manifest_key, "
                    + "b.record_count, b.part_count, b.occurred_at, b.received_at";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public PipelineRunRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a landed batch; false when its event was recorded before (a redelivery). */
    public boolean insertBatch(Batch batch) {
        return jdbc.sql("""
                INSERT INTO raw_batch (event_id, ingestion_run_id, bucket, batch_prefix, manifest_key, record_count,
                                       part_count, occurred_at, received_at)
                VALUES (:eventId, :ingestionRunId, :bucket, :batchPrefix, :manifestKey, :recordCount, :partCount,
                        :occurredAt, :receivedAt)
                ON CONFLICT (event_id) DO NOTHING""")
                        .param("eventId", batch.eventId())
                        .param("ingestionRunId", batch.ingestionRunId())
                        .param("bucket", batch.bucket())
                        .param("batchPrefix", batch.batchPrefix())
                        .param("manifestKey", batch.manifestKey())
                        .param("recordCount", batch.recordCount())
                        .param("partCount", batch.partCount())
                        .param("occurredAt", timestamp(batch.occurredAt()))
                        .param("receivedAt", timestamp(batch.receivedAt()))
                        .update()
                == 1;
    }

    /** The batches landed by these ingestion runs, oldest first. */
    public List<Batch> batchesOfIngestionRuns(Collection<String> ingestionRunIds) {
        if (ingestionRunIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + BATCH_COLUMNS + ", 'RERUN' AS reason FROM raw_batch b "
                        + "WHERE b.ingestion_run_id IN (:ids) ORDER BY b.occurred_at, b.event_id")
                .param("ids", ingestionRunIds)
                .query(PipelineRunRepository::batch)
                .list();
    }

    /**
     * The run that waits to start, created if there is none, and locked until the caller's transaction
     * ends, so that the worker cannot start it between the caller's look-up and its adding a batch.
     */
    public UUID lockWaitingRun(Instant now) {
        jdbc.sql(
                        "INSERT INTO pipeline_run (id, state, created_at) VALUES (:id, 'RECEIVED', :now) ON CONFLICT DO NOTHING")
                .param("id", UUID.randomUUID())
                .param("now", timestamp(now))
                .update();
        return jdbc.sql("SELECT id FROM pipeline_run WHERE state = 'RECEIVED' FOR UPDATE")
                .query(UUID.class)
                .single();
    }

    public void addBatch(UUID runId, UUID eventId, Reason reason) {
        jdbc.sql("INSERT INTO pipeline_run_batch (run_id, event_id, reason) VALUES (:run, :event, :reason) "
                        + "ON CONFLICT DO NOTHING")
                .param("run", runId)
                .param("event", eventId)
                .param("reason", reason.name())
                .update();
    }

    /** The run in progress (attempting or waiting to retry), if any; there is at most one. */
    public Optional<PipelineRun> findRunning() {
        return jdbc.sql("SELECT " + RUN_COLUMNS
                        + " FROM pipeline_run WHERE state = 'RUNNING' ORDER BY created_at LIMIT 1")
                .query(this::runWithoutBatches)
                .optional()
                .map(this::withBatches);
    }

    /** Moves the waiting run, if any, to RUNNING; its batches are fixed from here on. */
    public Optional<UUID> startWaitingRun(Instant now) {
        return jdbc.sql(
                        "UPDATE pipeline_run SET state = 'RUNNING', started_at = :now WHERE state = 'RECEIVED' RETURNING id")
                .param("now", timestamp(now))
                .query(UUID.class)
                .optional();
    }

    /** Starts the next attempt of a RUNNING run and returns its number (1 for the first). */
    public int beginAttempt(UUID runId) {
        return jdbc.sql("""
                UPDATE pipeline_run SET attempt_count = attempt_count + 1, next_attempt_at = NULL, job_run_id = NULL
                WHERE id = :id AND state = 'RUNNING' RETURNING attempt_count""").param("id", runId).query(Integer.class).single();
    }

    public void recordJobRunId(UUID runId, String jobRunId) {
        jdbc.sql("UPDATE pipeline_run SET job_run_id = :job WHERE id = :id AND state = 'RUNNING'")
                .param("job", jobRunId)
                .param("id", runId)
                .update();
    }

    public void scheduleRetry(UUID runId, @Nullable String error, Instant nextAttemptAt) {
        jdbc.sql("UPDATE pipeline_run SET error = :error, next_attempt_at = :next WHERE id = :id AND state = 'RUNNING'")
                .param("error", error)
                .param("next", timestamp(nextAttemptAt))
                .param("id", runId)
                .update();
    }

    public void markFailed(UUID runId, @Nullable String error, Instant now) {
        jdbc.sql("""
                UPDATE pipeline_run SET state = 'FAILED', error = :error, finished_at = :now, next_attempt_at = NULL
                WHERE id = :id AND state = 'RUNNING'""")
                .param("error", error)
                .param("now", timestamp(now))
                .param("id", runId)
                .update();
    }

    public void markSucceeded(UUID runId, RunResult result, UUID goldRefreshedEventId, Instant now) {
        jdbc.sql("""
                UPDATE pipeline_run SET state = 'SUCCEEDED', finished_at = :now, error = NULL, result_json = :result,
                       newest_created_at = :newest, gold_refreshed_event_id = :event
                WHERE id = :id AND state = 'RUNNING'""")
                .param("now", timestamp(now))
                .param("result", write(result))
                .param("newest", result.newestCreatedAt() == null ? null : timestamp(result.newestCreatedAt()))
                .param("event", goldRefreshedEventId)
                .param("id", runId)
                .update();
    }

    public Optional<PipelineRun> find(UUID runId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM pipeline_run WHERE id = :id")
                .param("id", runId)
                .query(this::runWithoutBatches)
                .optional()
                .map(this::withBatches);
    }

    /** The newest runs first, optionally of one state. */
    public List<PipelineRun> list(@Nullable RunState state, int limit) {
        String where = state == null ? "" : " WHERE state = :state";
        var statement = jdbc.sql("SELECT " + RUN_COLUMNS + " FROM pipeline_run" + where
                        + " ORDER BY created_at DESC, id LIMIT :limit")
                .param("limit", limit);
        if (state != null) {
            statement = statement.param("state", state.name());
        }
        List<PipelineRun> runs = statement.query(this::runWithoutBatches).list();
        return withBatches(runs);
    }

    /** The newest request creation instant that a successful run put into gold. */
    public Optional<Instant> newestCreatedInGold() {
        return jdbc.sql("SELECT max(newest_created_at) FROM pipeline_run WHERE state = 'SUCCEEDED'")
                .query((rs, row) -> instant(rs, 1))
                .optional();
    }

    private PipelineRun withBatches(PipelineRun run) {
        return withBatches(List.of(run)).get(0);
    }

    private List<PipelineRun> withBatches(List<PipelineRun> runs) {
        if (runs.isEmpty()) {
            return runs;
        }
        Map<UUID, List<Batch>> byRun = new LinkedHashMap<>();
        runs.forEach(run -> byRun.put(run.id(), new ArrayList<>()));
        jdbc.sql("SELECT rb.run_id, " + BATCH_COLUMNS + ", rb.reason FROM pipeline_run_batch rb "
                        + "JOIN raw_batch b ON b.event_id = rb.event_id WHERE rb.run_id IN (:ids) "
                        + "ORDER BY b.occurred_at, b.event_id")
                .param("ids", byRun.keySet())
                .query((rs, row) -> Map.entry(rs.getObject("run_id", UUID.class), batch(rs, row)))
                .list()
                .forEach(entry ->
                        Objects.requireNonNull(byRun.get(entry.getKey())).add(entry.getValue()));
        return runs.stream()
                .map(run -> new PipelineRun(
                        run.id(),
                        run.state(),
                        run.createdAt(),
                        run.startedAt(),
                        run.finishedAt(),
                        run.attemptCount(),
                        run.nextAttemptAt(),
                        run.jobRunId(),
                        run.error(),
                        run.result(),
                        run.goldRefreshedEventId(),
                        Objects.requireNonNull(byRun.get(run.id()))))
                .toList();
    }

    private PipelineRun runWithoutBatches(ResultSet rs, int row) throws SQLException {
        String resultJson = rs.getString("result_json");
        return new PipelineRun(
                rs.getObject("id", UUID.class),
                RunState.valueOf(rs.getString("state")),
                Objects.requireNonNull(instant(rs, "created_at")),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getInt("attempt_count"),
                instant(rs, "next_attempt_at"),
                rs.getString("job_run_id"),
                rs.getString("error"),
                resultJson == null ? null : read(resultJson),
                rs.getObject("gold_refreshed_event_id", UUID.class),
                List.of());
    }

    private static Batch batch(ResultSet rs, int row) throws SQLException {
        return new Batch(
                rs.getObject("event_id", UUID.class),
                rs.getString("ingestion_run_id"),
                rs.getString("bucket"),
                rs.getString("batch_prefix"),
                rs.getString("manifest_key"),
                rs.getLong("record_count"),
                rs.getInt("part_count"),
                // NOT NULL columns
                Objects.requireNonNull(instant(rs, "occurred_at")),
                Objects.requireNonNull(instant(rs, "received_at")),
                Reason.valueOf(rs.getString("reason")));
    }

    private String write(RunResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the result of run " + result.runId(), e);
        }
    }

    private RunResult read(String stored) {
        try {
            return json.readValue(stored, RunResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run result is not readable: " + e.getOriginalMessage(), e);
        }
    }

    // timestamptz through java.sql.Timestamp keeps the instant whatever the JVM's or the session's zone
    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
