package org.nyc311.controller.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.api.pipeline.PipelineRunView.BatchView.Reason;
import org.nyc311.controller.messaging.OutboxMigrations;
import org.nyc311.model.pipeline.RunResult;
import org.nyc311.testsupport.postgres.PostgresSliceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

/**
 * The run store on a real PostgreSQL with this service's Flyway migrations, each test in a transaction rolled
 * back: a batch is recorded once however often its event arrives, landing batches join the one waiting run,
 * a run moves RECEIVED, RUNNING, then a terminal state it never leaves, and what is written reads back the same.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@Import({PipelineRunRepository.class, OutboxMigrations.class})
class PipelineRunRepositoryTest extends PostgresSliceTest {

    private static final Instant T0 = Instant.parse("2026-06-01T07:00:00Z");

    @Autowired
    PipelineRunRepository runs;

    @Test
    void aBatchIsRecordedOnceAndLandingBatchesJoinTheOneWaitingRun() {
        Batch first = landed("r-1", T0);
        Batch second = landed("r-2", T0.plusSeconds(60));

        assertThat(runs.insertBatch(first)).isTrue();
        assertThat(runs.insertBatch(first)).as("the same event delivered again").isFalse();
        assertThat(runs.insertBatch(second)).isTrue();
        UUID waiting = runs.lockWaitingRun(T0);
        runs.addBatch(waiting, first.eventId(), Reason.LANDED);
        assertThat(runs.lockWaitingRun(T0.plusSeconds(60))).isEqualTo(waiting);
        runs.addBatch(waiting, second.eventId(), Reason.LANDED);
        runs.addBatch(waiting, second.eventId(), Reason.LANDED);

        PipelineRun run = runs.find(waiting).orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.RECEIVED);
        assertThat(run.createdAt()).isEqualTo(T0);
        assertThat(run.batches()).containsExactly(first, second);
        assertThat(run.ingestionRunIds()).containsExactly("r-1", "r-2");
        assertThat(runs.batchesOfIngestionRuns(List.of("r-2", "r-9")))
                .containsExactly(withReason(second, Reason.RERUN));
        assertThat(runs.batchesOfIngestionRuns(List.of())).isEmpty();
    }

    @Test
    void aRunGoesThroughItsAttemptsToSuccessAndThenNeverChanges() {
        Batch batch = landed("r-1", T0);
        runs.insertBatch(batch);
        UUID id = runs.lockWaitingRun(T0);
        runs.addBatch(id, batch.eventId(), Reason.LANDED);

        assertThat(runs.startWaitingRun(T0.plusSeconds(5))).contains(id);
        assertThat(runs.startWaitingRun(T0.plusSeconds(6)))
                .as("nothing waits any more")
                .isEmpty();
        assertThat(runs.beginAttempt(id)).isEqualTo(1);
        runs.recordJobRunId(id, "local-1.log");
        runs.scheduleRetry(id, "executor lost", T0.plusSeconds(65));
        PipelineRun retrying = runs.findRunning().orElseThrow();
        assertThat(retrying.id()).isEqualTo(id);
        assertThat(retrying.jobRunId()).isEqualTo("local-1.log");
        assertThat(retrying.error()).isEqualTo("executor lost");
        assertThat(retrying.nextAttemptAt()).isEqualTo(T0.plusSeconds(65));

        assertThat(runs.beginAttempt(id)).isEqualTo(2);
        Map<String, Long> tableVersions = Map.of("gold.daily_counts", 12L);
        RunResult result = new RunResult(
                "job-2",
                tableVersions,
                LocalDate.of(2026, 5, 31),
                Instant.parse("2026-06-01T03:59:00Z"),
                Map.of("silver.requests", 4200L),
                new RunResult.Silver(4200, 4000, 150, 50, 7, List.of()),
                // stored and read back with the rest of result.json: the data-quality checks' citywide totals
                Map.of(LocalDate.of(2026, 5, 30), 8_912L, LocalDate.of(2026, 5, 31), 4_000L));
        UUID goldEvent = UUID.randomUUID();
        runs.markSucceeded(id, result, goldEvent, T0.plusSeconds(120));
        runs.markFailed(id, "too late", T0.plusSeconds(130));

        PipelineRun done = runs.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.attemptCount()).isEqualTo(2);
        assertThat(done.nextAttemptAt())
                .as("an attempt began after the retry was planned")
                .isNull();
        assertThat(done.error()).isNull();
        assertThat(done.result()).isEqualTo(result);
        assertThat(done.goldRefreshedEventId()).isEqualTo(goldEvent);
        assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(runs.findRunning()).isEmpty();
        assertThat(runs.newestCreatedInGold()).contains(Instant.parse("2026-06-01T03:59:00Z"));
    }

    @Test
    void theListIsNewestFirstOfOneStateOrAllAndAnUnknownRunIsNone() {
        runs.insertBatch(landed("r-1", T0));
        UUID failed = runs.lockWaitingRun(T0);
        runs.startWaitingRun(T0.plusSeconds(1));
        runs.beginAttempt(failed);
        runs.markFailed(failed, "the job failed", T0.plusSeconds(2));
        UUID waiting = runs.lockWaitingRun(T0.plusSeconds(10));

        assertThat(runs.list(null, 10)).extracting(PipelineRun::id).containsExactly(waiting, failed);
        assertThat(runs.list(null, 1)).extracting(PipelineRun::id).containsExactly(waiting);
        assertThat(runs.list(RunState.FAILED, 10)).singleElement().satisfies(run -> {
            assertThat(run.id()).isEqualTo(failed);
            assertThat(run.error()).isEqualTo("the job failed");
            assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(2));
            assertThat(run.batches()).isEmpty();
        });
        assertThat(runs.list(RunState.SUCCEEDED, 10)).isEmpty();
        assertThat(runs.find(UUID.randomUUID())).isEmpty();
    }

    private static Batch landed(String ingestionRunId, Instant occurredAt) {
        return new Batch(
                UUID.randomUUID(),
                ingestionRunId,
                "nyc311-lake",
                "raw/2026-06-01/" + ingestionRunId + "/",
                "raw/2026-06-01/" + ingestionRunId + "/_manifest.json",
                4200,
                3,
                occurredAt,
                occurredAt.plusSeconds(1),
                Reason.LANDED);
    }

    private static Batch withReason(Batch batch, Reason reason) {
        return new Batch(
                batch.eventId(),
                batch.ingestionRunId(),
                batch.bucket(),
                batch.batchPrefix(),
                batch.manifestKey(),
                batch.recordCount(),
                batch.partCount(),
                batch.occurredAt(),
                batch.receivedAt(),
                reason);
    }
}
