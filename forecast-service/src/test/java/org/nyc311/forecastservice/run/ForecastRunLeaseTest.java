package org.nyc311.forecastservice.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.forecastservice.fit.FitOutcome;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two instances on one real PostgreSQL, as the repository sees them: two owners claiming the same
 * runs. One holds a run at a time, another takes it only once the lease expired, and the instance that
 * lost it (a stale one: paused past its lease) writes nothing.
 */
@ExtendWith(PostgresServerExtension.class)
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ForecastRunRepository.class, ForecastRunLeaseTest.Wiring.class})
// each call commits on its own, as in the service: two "instances" must see each other's writes
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@TestPropertySource(properties = "spring.datasource.url=" + PostgresServer.DATABASE_URL + "forecast_service_lease")
class ForecastRunLeaseTest {

    private static final Duration SHORT = Duration.ofMillis(400);
    private static final Duration LONG = Duration.ofMinutes(5);

    @Autowired
    ForecastRunRepository runs;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void database(PostgresServer postgres) {
        postgres.createDatabase("forecast_service_lease");
    }

    @Test
    void aHeldRunIsNotClaimedAgainAndAnExpiredOneIsTakenOver() {
        UUID runId = runs.createManual(7, true);

        RunLease a = runs.claimToFit(runId, "instance-a", SHORT).orElseThrow();
        assertThat(runs.claimToFit(runId, "instance-b", LONG)).as("held by a").isEmpty();
        assertThat(runs.claimable()).doesNotContain(runId);

        // a dies: no heartbeat pushes its lease on, and once it has expired b takes the run
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.claimable().contains(runId));
        RunLease b = runs.claimToFit(runId, "instance-b", LONG).orElseThrow();

        ForecastRun run = runs.find(runId).orElseThrow();
        assertThat(run.status()).isEqualTo(ForecastRun.Status.RUNNING);
        assertThat(run.leaseOwner()).isEqualTo("instance-b");
        assertThat(run.attempts()).isEqualTo(2);
        assertThat(b.token()).isNotEqualTo(a.token());
        assertThat(runs.renew(b, LONG)).isTrue();
        assertThat(runs.claimable()).doesNotContain(runId);
    }

    @Test
    void aStaleInstanceCannotOverwriteTheRunItLost() {
        UUID runId = runs.createManual(7, true);
        RunLease stale = runs.claimToFit(runId, "instance-a", SHORT).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.claimable().contains(runId));
        RunLease holder = runs.claimToFit(runId, "instance-b", LONG).orElseThrow();

        // a wakes up from its pause and goes on as if it still held the run: every write is refused
        assertThat(runs.renew(stale, LONG)).isFalse();
        assertThat(runs.holds(stale)).isFalse();
        assertThat(runs.failed(stale, "java.lang.OutOfMemoryError")).isFalse();
        assertThat(runs.requeueOrFail(stale, "gold away", 30)).isFalse();
        assertThat(runs.succeeded(stale, 1, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 30), nothingFitted()))
                .isFalse();
        ForecastRun untouched = runs.find(runId).orElseThrow();
        assertThat(untouched.status()).isEqualTo(ForecastRun.Status.RUNNING);
        assertThat(untouched.error()).isNull();
        assertThat(untouched.leaseOwner()).isEqualTo("instance-b");

        assertThat(runs.succeeded(holder, 7, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 30), nothingFitted()))
                .isTrue();
        // and after the holder's success, the stale instance can neither fail it, track it nor announce it
        assertThat(runs.failed(stale, "late failure")).isFalse();
        assertThat(runs.tracked(stale, "1", "stale-parent", "9", true)).isFalse();
        assertThat(runs.trackingFailed(stale, "late", 60)).isFalse();
        assertThat(runs.published(stale)).isFalse();
        ForecastRun done = runs.find(runId).orElseThrow();
        assertThat(done.status()).isEqualTo(ForecastRun.Status.SUCCEEDED);
        assertThat(done.goldVersion()).isEqualTo(7L);
        assertThat(done.mlflowRunId()).isNull();
        assertThat(done.publishedAt()).isNull();

        assertThat(runs.tracked(holder, "1", "parent", "3", false)).isTrue();
        assertThat(runs.published(holder)).isTrue();
        assertThat(runs.published(holder)).as("announced once").isFalse();
        assertThat(runs.find(runId).orElseThrow().mlflowRunId()).isEqualTo("parent");
    }

    @Test
    void trackingAndAnnouncingASucceededRunIsClaimedByOneInstanceAtATime() {
        UUID runId = runs.createManual(7, true);
        RunLease fitter = runs.claimToFit(runId, "instance-a", LONG).orElseThrow();
        assertThat(runs.succeeded(fitter, 7, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 30), nothingFitted()))
                .isTrue();
        assertThat(runs.followUpDue())
                .as("still held by the instance that fitted it")
                .doesNotContain(runId);
        assertThat(runs.claimFollowUp(runId, "instance-b", LONG)).isEmpty();

        // the fitter's tracking failed (MLflow away); it lets go, and a sweep anywhere may retry
        assertThat(runs.trackingFailed(fitter, "MLflow away", 60)).isTrue();
        runs.release(fitter);
        assertThat(runs.followUpDue()).contains(runId);
        RunLease b = runs.claimFollowUp(runId, "instance-b", LONG).orElseThrow();
        assertThat(runs.claimFollowUp(runId, "instance-c", LONG)).isEmpty();
        assertThat(runs.tracked(fitter, "1", "from-a", "1", false))
                .as("released")
                .isFalse();
        assertThat(runs.tracked(b, "1", "from-b", "1", false)).isTrue();
        assertThat(runs.published(b)).isTrue();
        runs.release(b);
        assertThat(runs.followUpDue()).doesNotContain(runId);
        assertThat(runs.claimFollowUp(runId, "instance-c", LONG))
                .as("nothing left to do")
                .isEmpty();
    }

    @Test
    void askingForTrainingsByHandWhileOneWaitsQueuesOneEvenWhenAskedAtOnce() throws Exception {
        // the other cases leave manual runs in the queue: this one starts from an empty one
        jdbc.update("UPDATE forecast_run SET status = 'FAILED' WHERE status = 'QUEUED'");
        CyclicBarrier together = new CyclicBarrier(4);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<ForecastRunRepository.QueuedManual> answers = new ArrayList<>();
        try {
            List<Future<ForecastRunRepository.QueuedManual>> asked = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                asked.add(callers.submit(() -> {
                    together.await();
                    return runs.queueManual(7, true);
                }));
            }
            for (Future<ForecastRunRepository.QueuedManual> answer : asked) {
                answers.add(answer.get());
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(answers)
                .extracting(ForecastRunRepository.QueuedManual::runId)
                .containsOnly(answers.get(0).runId());
        assertThat(answers)
                .filteredOn(ForecastRunRepository.QueuedManual::created)
                .hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM forecast_run WHERE status = 'QUEUED'", Integer.class))
                .isEqualTo(1);

        RunLease started =
                runs.claimToFit(answers.get(0).runId(), "instance-a", LONG).orElseThrow();
        ForecastRunRepository.QueuedManual next = runs.queueManual(7, true);
        assertThat(next.created())
                .as("once the waiting run has started, asking queues the next")
                .isTrue();
        assertThat(next.runId()).isNotEqualTo(started.runId());
    }

    @Test
    void twoInstancesClaimingTheSameRunsAtOnceGetOneHolderEach() throws Exception {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            created.add(runs.createManual(7, true));
        }
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<RunLease>>> claims = new ArrayList<>();
            for (String owner : List.of("instance-a", "instance-b")) {
                Callable<List<RunLease>> claimAll = () -> {
                    List<RunLease> won = new ArrayList<>();
                    for (UUID runId : created) {
                        together.await();
                        runs.claimToFit(runId, owner, LONG).ifPresent(won::add);
                    }
                    return won;
                };
                claims.add(instances.submit(claimAll));
            }
            List<RunLease> all = new ArrayList<>(claims.get(0).get());
            all.addAll(claims.get(1).get());
            assertThat(all).extracting(RunLease::runId).containsExactlyInAnyOrderElementsOf(created);
            for (UUID runId : created) {
                ForecastRun run = runs.find(runId).orElseThrow();
                assertThat(run.attempts()).as("claimed once").isEqualTo(1);
                Optional<RunLease> winner =
                        all.stream().filter(l -> l.runId().equals(runId)).findFirst();
                assertThat(run.leaseOwner()).isEqualTo(winner.orElseThrow().owner());
            }
        } finally {
            instances.shutdownNow();
        }
    }

    @Test
    void runsInterruptedBeforeLeasesExistedAreClaimable() {
        UUID runId = runs.createManual(7, true);
        // a RUNNING row without a lease: how a run interrupted by a restart looked before this migration
        jdbc.update("UPDATE forecast_run SET status = 'RUNNING', attempts = 1 WHERE run_id = ?", runId);
        assertThat(runs.claimable()).contains(runId);
        assertThat(runs.claimToFit(runId, "instance-a", LONG)).isPresent();
    }

    private static FitOutcome nothingFitted() {
        return new FitOutcome(List.of(), List.of());
    }

    static class Wiring {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }
}
