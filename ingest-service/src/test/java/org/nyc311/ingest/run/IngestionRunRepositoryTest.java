package org.nyc311.ingest.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.events.OutboxMigrations;
import org.nyc311.ingest.landing.BatchLayout;
import org.nyc311.ingest.landing.LandedPart;
import org.nyc311.ingest.landing.StagedPart;
import org.nyc311.ingest.source.PageKey;
import org.nyc311.model.ingest.IngestionWindow;
import org.nyc311.testsupport.postgres.PostgresSliceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;

/**
 * The run store on a real PostgreSQL with this service's Flyway migrations, each test in a transaction rolled
 * back: one running run per window, parts counted and resumed after, a run changed only by the process that
 * holds its lease, and an outage's failure planned for resumption.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({IngestionRunRepository.class, OutboxMigrations.class, IngestionRunRepositoryTest.Wiring.class})
class IngestionRunRepositoryTest extends PostgresSliceTest {

    private static final Instant NOW = Instant.parse("2026-06-01T07:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final IngestionWindow MAY = new IngestionWindow(
            IngestionWindow.Kind.BACKFILL,
            LocalDateTime.parse("2026-05-01T00:00:00"),
            LocalDateTime.parse("2026-05-31T23:59:59"));

    @TestConfiguration
    static class Wiring {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    IngestionRunRepository runs;

    @Test
    void oneRunningRunPerWindowWithItsPartsCountedAndAResumePointAfterTheLast() {
        runs.insertRunning(run("r-1", MAY), "a", LEASE);
        assertThat(runs.resumePoint("r-1")).isEqualTo(new IngestionRunRepository.ResumePoint(0, null));

        runs.savePart("r-1", staged(0, 1000), new PageKey("2026-05-02T10:00:00.000", "101"));
        runs.savePart("r-1", staged(1, 500), new PageKey("2026-05-03T10:00:00.000", "202"));
        // a resumed run lands part 1 again: its row is replaced, not added
        runs.savePart("r-1", staged(1, 700), new PageKey("2026-05-03T11:00:00.000", "303"));

        IngestionRun read = runs.find("r-1").orElseThrow();
        assertThat(read.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(read.window()).isEqualTo(MAY);
        assertThat(read.recordCount()).isEqualTo(1700);
        assertThat(read.partCount()).isEqualTo(2);
        assertThat(read.createdAt()).isEqualTo(NOW);
        assertThat(runs.runningOf(MAY)).map(IngestionRun::runId).contains("r-1");
        assertThat(runs.stagedParts("r-1")).containsExactly(staged(0, 1000), staged(1, 700));
        assertThat(runs.resumePoint("r-1"))
                .isEqualTo(new IngestionRunRepository.ResumePoint(2, new PageKey("2026-05-03T11:00:00.000", "303")));
        assertThat(runs.landedByOffset("r-1")).isFalse();
        assertThat(runs.find("no-such-run")).isEmpty();
        // last: the refusal aborts this test's transaction
        assertThatThrownBy(() -> runs.insertRunning(run("r-2", MAY), "b", LEASE))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void onlyTheProcessHoldingTheLeaseEndsTheRun() {
        runs.insertRunning(run("r-1", MAY), "a", LEASE);

        assertThat(runs.markCompleted("r-1", LocalDateTime.parse("2026-05-31T23:00:00"), "b"))
                .isFalse();
        runs.markFailed("r-1", "b's failure", "b");
        assertThat(runs.find("r-1").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(runs.renewLease("r-1", "b", LEASE)).isFalse();
        assertThat(runs.renewLeases("a", LEASE)).isEqualTo(1);
        assertThat(runs.leaseExpired("r-1")).isFalse();

        assertThat(runs.markCompleted("r-1", LocalDateTime.parse("2026-05-31T23:00:00"), "a"))
                .isTrue();
        IngestionRun done = runs.find("r-1").orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.watermark()).isEqualTo(LocalDateTime.parse("2026-05-31T23:00:00"));
        assertThat(done.finishedAt()).isEqualTo(NOW);
        assertThat(runs.markRunning("r-1", "b", LEASE))
                .as("only a FAILED run starts again")
                .isFalse();
        assertThat(runs.runningOf(MAY)).isEmpty();
    }

    @Test
    void aRunWhoseLeaseExpiredIsFailedAndOneStillHeldIsLeftAlone() throws InterruptedException {
        IngestionWindow june = new IngestionWindow(
                IngestionWindow.Kind.BACKFILL,
                LocalDateTime.parse("2026-06-01T00:00:00"),
                LocalDateTime.parse("2026-06-01T23:59:59"));
        runs.insertRunning(run("r-dead", MAY), "a", Duration.ofMillis(1));
        runs.insertRunning(run("r-alive", june), "b", LEASE);
        Thread.sleep(50);

        assertThat(runs.failExpired("its process stopped")).containsExactly("r-dead");
        assertThat(runs.find("r-dead").orElseThrow().failureReason()).isEqualTo("its process stopped");
        assertThat(runs.find("r-alive").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

        assertThat(runs.markRunning("r-dead", "c", LEASE)).isTrue();
        IngestionRun resumed = runs.find("r-dead").orElseThrow();
        assertThat(resumed.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(resumed.failureReason()).isNull();
    }

    @Test
    void anOutagesFailureIsResumedLaterUntilTheAttemptsRunOut() {
        runs.insertRunning(run("r-1", MAY), "a", LEASE);
        IngestProperties.Resume resume =
                new IngestProperties.Resume(true, Duration.ofMinutes(1), Duration.ofMinutes(10), 1, null);

        Instant before = Instant.now();
        Instant retryAt = runs.markFailedByOutage("r-1", "s3 away", "a", resume).orElseThrow();
        assertThat(retryAt).isBetween(before.plusSeconds(55), Instant.now().plusSeconds(65));
        IngestionRun failed = runs.find("r-1").orElseThrow();
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.retryAt()).isEqualTo(retryAt);
        assertThat(runs.dueForRetry()).as("not due for a minute").isEmpty();

        // the second outage in a row is past the one attempt allowed: it stays FAILED until asked for again
        assertThat(runs.markRunning("r-1", "a", LEASE)).isTrue();
        assertThat(runs.markFailedByOutage("r-1", "s3 away again", "a", resume)).isEmpty();
        assertThat(runs.find("r-1").orElseThrow().retryAt()).isNull();
    }

    private static IngestionRun run(String runId, IngestionWindow window) {
        return IngestionRun.begun(window, "api", 1000, new BatchLayout(LocalDate.of(2026, 6, 1), runId), NOW);
    }

    private static StagedPart staged(int number, int records) {
        return new StagedPart(
                new LandedPart(
                        number,
                        "raw/2026-06-01/r-1/part-" + number + ".jsonl.gz",
                        records,
                        records * 200L,
                        String.format("%064x", number * 100_000L + records)),
                "staging/r-1/part-" + number + "-" + records);
    }
}
