package org.nyc311.controller.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.nyc311.api.pipeline.DataQualityAlertView.Kind;
import org.nyc311.controller.messaging.OutboxMigrations;
import org.nyc311.controller.quality.DataQualityRules.Finding;
import org.nyc311.model.pipeline.RunResult;
import org.nyc311.testsupport.postgres.PostgresSliceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The checks after each run on a real PostgreSQL with this service's migrations, each test rolled back: runs report
 * their days and quarantine counts as delta-jobs writes them, the alerts are raised once however often a run is
 * judged, and they read back newest first.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({DataQualityRepository.class, DataQualityCheck.class, OutboxMigrations.class, DataQualityCheckTest.Beans.class})
class DataQualityCheckTest extends PostgresSliceTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 4, 13);
    private static final Instant T0 = Instant.parse("2026-04-14T09:00:00Z");

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        DataQualityProperties dataQualityProperties() {
            return DataQualityProperties.defaults();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    DataQualityCheck check;

    @Autowired
    DataQualityRepository repository;

    @Autowired
    MeterRegistry registry;

    @Test
    void aDayThatLostHalfItsRecordsIsRaisedOnceHoweverOftenTheRunIsJudged() {
        double countedBefore = counted("FEED_DROP");
        check.judge(UUID.randomUUID(), result(backfill(MONDAY.minusDays(1)), MONDAY.minusDays(1), null), T0);
        UUID daily = UUID.randomUUID();
        RunResult monday = result(Map.of(MONDAY, 3_900L), MONDAY, null);

        List<Finding> raised = check.judge(daily, monday, T0.plusSeconds(86_400));
        List<Finding> again = check.judge(daily, monday, T0.plusSeconds(86_500));

        assertThat(raised).extracting(Finding::kind).containsExactly(Kind.FEED_DROP);
        assertThat(again).as("the same run judged again after a crash").isEmpty();
        assertThat(repository.recent(10)).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(Kind.FEED_DROP);
            assertThat(alert.day()).isEqualTo(MONDAY);
            assertThat(alert.pipelineRunId()).isEqualTo(daily);
            assertThat(alert.observed()).isEqualTo(3_900);
            assertThat(alert.expected()).isEqualTo(9_000);
            assertThat(alert.raisedAt()).isEqualTo(T0.plusSeconds(86_400));
            assertThat(alert.detail()).contains("3,900 requests citywide");
        });
        assertThat(counted("FEED_DROP") - countedBefore).isEqualTo(1);
    }

    @Test
    void aDayNoRunReportedIsMissingAndLateRecordsReplaceADaysCount() {
        check.judge(UUID.randomUUID(), result(backfill(MONDAY.minusDays(2)), MONDAY.minusDays(2), null), T0);

        // Sunday never came; Monday did
        List<Finding> raised = check.judge(UUID.randomUUID(), result(Map.of(MONDAY, 9_100L), MONDAY, null), T0);
        check.judge(UUID.randomUUID(), result(Map.of(MONDAY, 9_350L), MONDAY, null), T0.plusSeconds(3_600));

        assertThat(raised).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.MISSING_DAY);
            assertThat(f.day()).isEqualTo(MONDAY.minusDays(1));
            assertThat(f.expected()).as("the Sundays before").isEqualTo(6_000);
        });
        assertThat(repository.citywideSince(MONDAY)).containsEntry(MONDAY, 9_350L);
    }

    @Test
    void aQuarantineSurgeIsJudgedAgainstTheRunsBeforeItAndRaisedOnce() {
        for (int run = 0; run < 4; run++) {
            check.judge(
                    UUID.randomUUID(),
                    result(Map.of(), MONDAY, new RunResult.Silver(9_000, 8_900, 80, 0, 20, List.of())),
                    T0.plusSeconds(run));
        }
        UUID surge = UUID.randomUUID();
        RunResult bad = result(Map.of(), MONDAY, new RunResult.Silver(9_000, 8_000, 0, 0, 1_000, List.of()));

        List<Finding> raised = check.judge(surge, bad, T0.plusSeconds(60));
        List<Finding> again = check.judge(surge, bad, T0.plusSeconds(120));

        assertThat(raised).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.QUARANTINE_SURGE);
            assertThat(f.subject()).isEqualTo(surge.toString());
            assertThat(f.observed()).isCloseTo(0.1111, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(f.expected()).isCloseTo(0.0022, org.assertj.core.data.Offset.offset(1e-4));
        });
        assertThat(again).isEmpty();
        assertThat(repository.quarantineRatesBefore(surge, 500, 14))
                .as("the surge's own run and none after it")
                .hasSize(4);
        assertThat(repository.recent(10))
                .singleElement()
                .satisfies(alert -> assertThat(alert.day()).isNull());
    }

    @Test
    void aControllerUpgradedMidStreamCallsNoEarlierDayMissing() {
        // its first run rebuilt Monday and, for an update of an old request, a date years back
        List<Finding> raised = check.judge(
                UUID.randomUUID(), result(Map.of(LocalDate.of(2019, 3, 1), 40L, MONDAY, 9_000L), MONDAY, null), T0);

        assertThat(raised).isEmpty();
        assertThat(repository.judgedFrom(MONDAY.plusDays(5), T0)).as("set once").isEqualTo(MONDAY);
    }

    @Test
    void anAlertStoredByAnAttemptThatDiedBeforeLoggingItIsLoggedByTheNextJudgement() {
        double countedBefore = counted("MISSING_DAY");
        UUID died = UUID.randomUUID();
        repository.raise(
                new Finding(Kind.MISSING_DAY, "2026-04-12", MONDAY.minusDays(1), 0, 6_000, "no requests"), died, T0);

        check.judge(UUID.randomUUID(), result(Map.of(), null, null), T0.plusSeconds(60));
        check.judge(UUID.randomUUID(), result(Map.of(), null, null), T0.plusSeconds(120));

        assertThat(counted("MISSING_DAY") - countedBefore)
                .as("logged and counted once")
                .isEqualTo(1);
        assertThat(repository.unnotified()).isEmpty();
        assertThat(repository.recent(10))
                .singleElement()
                .satisfies(alert -> assertThat(alert.pipelineRunId()).isEqualTo(died));
    }

    @Test
    void aRunThatReportsNoDatesJudgesNoDay() {
        check.judge(UUID.randomUUID(), result(backfill(MONDAY.minusDays(3)), MONDAY.minusDays(3), null), T0);

        // an older delta-jobs writes no requestsPerDate: Sunday and Monday must not read as missing
        assertThat(check.judge(UUID.randomUUID(), result(Map.of(), MONDAY, null), T0))
                .isEmpty();
    }

    @Test
    void aDayNoRunBroughtByNoonTheNextDayIsMissingWithoutARun() {
        double countedBefore = counted("MISSING_DAY");
        assertThat(check.judgeLateness(Instant.parse("2026-04-14T18:00:00Z")))
                .as("nothing is judged before a first run")
                .isEmpty();
        check.judge(UUID.randomUUID(), result(backfill(MONDAY.minusDays(1)), MONDAY.minusDays(1), null), T0);

        // Tuesday 11:00 in New York: Monday is not due before noon
        assertThat(check.judgeLateness(Instant.parse("2026-04-14T15:00:00Z"))).isEmpty();
        List<Finding> late = check.judgeLateness(Instant.parse("2026-04-14T17:00:00Z"));

        assertThat(late).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.MISSING_DAY);
            assertThat(f.day()).isEqualTo(MONDAY);
            assertThat(f.detail()).contains("no requests had reached gold by 2026-04-14T13:00 New York time, 12 h");
        });
        assertThat(repository.recent(10))
                .singleElement()
                .satisfies(alert -> assertThat(alert.pipelineRunId()).isNull());
        assertThat(counted("MISSING_DAY") - countedBefore).isEqualTo(1);
        // Monday's records come late after all: nothing more is raised
        assertThat(check.judge(UUID.randomUUID(), result(Map.of(MONDAY, 9_000L), MONDAY, null), T0))
                .isEmpty();
        assertThat(check.judgeLateness(Instant.parse("2026-04-14T18:00:00Z"))).isEmpty();
    }

    @Test
    void aResultWithoutDatesOrSilverCountsRaisesNothing() {
        assertThat(check.judge(UUID.randomUUID(), result(Map.of(), null, null), T0))
                .isEmpty();
        assertThat(repository.recent(10)).isEmpty();
    }

    /** Alerts of this kind counted so far: the registry lives as long as the test context, across tests. */
    private double counted(String kind) {
        return registry.counter("nyc311.pipeline.data_quality.alerts", "kind", kind)
                .count();
    }

    /** Five weeks up to {@code last}: weekdays 9,000, weekends 6,000, as a first run's backfill reports them. */
    private static Map<LocalDate, Long> backfill(LocalDate last) {
        Map<LocalDate, Long> days = new TreeMap<>();
        for (LocalDate day = last.minusWeeks(5); !day.isAfter(last); day = day.plusDays(1)) {
            days.put(day, day.getDayOfWeek().getValue() >= 6 ? 6_000L : 9_000L);
        }
        return days;
    }

    private static RunResult result(
            Map<LocalDate, Long> requestsPerDate, @Nullable LocalDate latest, RunResult.@Nullable Silver silver) {
        return new RunResult("job-1", Map.of(), latest, null, Map.of(), silver, requestsPerDate);
    }
}
