package org.nyc311.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.nyc311.faults.support.Reconciliation;
import org.nyc311.faults.support.ServiceJvm;
import org.nyc311.faults.support.ingest.IngestRig;
import org.nyc311.faults.support.ingest.IngestRigServers;
import org.nyc311.faults.support.ingest.SodaDataset;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.sqs.SqsServer;

/**
 * Fault 4, two ingest processes on one database: every start used to mark all RUNNING runs FAILED, so
 * the daily one-shot task (deploy/ecs' IngestDailyTaskDefinition, started beside the service) failed
 * the service's live backfill. Runs now hold a lease with a heartbeat, and only runs whose lease has
 * expired count as dead. Here the service serves a backfill against a slow SODA stand-in, one of whose
 * pages is held while the daily task starts, runs and exits; the backfill then completes with every
 * record once. And a run whose process is killed with kill -9 is taken over, once its lease has
 * expired, by the next process that is asked for its window.
 */
@IngestRigServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoIngestProcessesIT {

    private static final String FAULT = "two ingest processes on one database";
    /** Short, so that a killed run is taken over within the test; production's are 2 min and 20 s. */
    private static final Map<String, String> LEASE = Map.of(
            "nyc311.ingest.soda.page-size", "10",
            "nyc311.ingest.lease.length", "6s",
            "nyc311.ingest.lease.heartbeat", "1s");

    private static SodaDataset soda;
    private static IngestRig rig;
    private static ServiceJvm service;
    /** Both tests' runs added up; silver and gold are not run here. */
    private static Reconciliation figures = new Reconciliation(FAULT, 0, 0, -1, -1, 0, 0);

    @BeforeAll
    static void start(PostgresServer postgres, S3Server s3, SqsServer sqs) throws Exception {
        soda = SodaDataset.start();
        soda.delay(Duration.ofMillis(250));
        rig = IngestRig.create("two-ingest-processes", postgres, s3, sqs, soda);
        service = rig.startService(LEASE);
    }

    @AfterAll
    static void stop() {
        IngestRig.stopAll(service, rig, soda);
    }

    @Test
    @Order(1)
    void theDailyTaskStartedBesideALiveBackfillLeavesItRunningAndTheBackfillCompletesWholeAndOnce() throws Exception {
        LocalDate month = SodaDataset.monthStartAgo(2);
        List<ObjectNode> backfill = served(month, 74_000_000, 95);
        soda.put(todaysUpdates(74_500_000, 6));
        AtomicInteger backfillPages = new AtomicInteger();
        SodaDataset.Gate held = soda.holdFirst(query -> !query.incremental() && backfillPages.incrementAndGet() == 5);

        String runId = start(month);
        assertThat(held.awaitArrival(Duration.ofMinutes(2)))
                .as("the backfill reached its 5th page")
                .isTrue();
        IngestRig.Daily daily;
        try {
            // the second process: the daily one-shot task as production starts it, on the same database
            daily = rig.runDaily(LEASE);
        } finally {
            held.release();
        }
        JsonNode run = rig.awaitRun(service, runId, Duration.ofMinutes(2));

        assertThat(daily.exit())
                .as("the daily task completed its own run:\n" + daily.output())
                .isZero();
        assertThat(daily.output()).doesNotContain(runId);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(jobExecutions(runId))
                .as("Spring Batch's execution of the backfill was never failed")
                .containsExactly("COMPLETED");
        count(backfill, run);
    }

    @Test
    @Order(2)
    void aRunWhoseProcessWasKilledIsTakenOverOnceItsLeaseHasExpired() throws Exception {
        LocalDate month = SodaDataset.monthStartAgo(3);
        List<ObjectNode> backfill = served(month, 75_000_000, 64);
        AtomicInteger backfillPages = new AtomicInteger();
        SodaDataset.Gate held = soda.holdFirst(query -> !query.incremental()
                && query.where().startsWith("created_date between '" + month)
                && backfillPages.incrementAndGet() == 4);

        String runId = start(month);
        assertThat(held.awaitArrival(Duration.ofMinutes(2))).isTrue();
        service.kill();
        held.release();
        Map<String, Object> left = rig.query(
                        "SELECT status, lease_expires_at FROM ingestion_run WHERE run_id = ?", runId)
                .get(0);
        assertThat(left.get("status"))
                .as("a killed process leaves its run RUNNING")
                .isEqualTo("RUNNING");
        OffsetDateTime leaseEnd =
                ((java.sql.Timestamp) left.get("lease_expires_at")).toInstant().atOffset(ZoneOffset.UTC);

        service.restart().awaitReady(Duration.ofSeconds(90));
        String resumed = IngestRig.json(post(month).body()).path("runId").asText();
        JsonNode run = rig.awaitRun(service, resumed, Duration.ofMinutes(2));

        assertThat(resumed).as("the same run, taken over").isEqualTo(runId);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        OffsetDateTime takenOver = OffsetDateTime.parse(run.path("startedAt").asText());
        assertThat(takenOver).as("taken over only after its lease had expired").isAfterOrEqualTo(leaseEnd);
        assertThat(jobExecutions(runId))
                .as("the killed execution failed once its lease expired, then a new one completed")
                .containsExactly("FAILED", "COMPLETED");
        count(backfill, run);

        figures.print();
        assertThat(figures.lost()).isZero();
        assertThat(figures.duplicated()).isZero();
    }

    /** The run's final parts by unique key against the source's records of its window: none missing, none twice. */
    private static void count(List<ObjectNode> source, JsonNode run) {
        List<String> parts = rig.keys(run.path("batchPrefix").asText()).stream()
                .filter(key -> key.endsWith(".json.gz"))
                .toList();
        Map<String, Integer> keys = rig.uniqueKeys(parts);
        Set<String> expected = new TreeSet<>();
        source.forEach(record -> expected.add(record.path("unique_key").asText()));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(keys.keySet());
        long twice =
                keys.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        System.out.printf(
                "run %s: %d records at the source, %d landed, %d missing, %d twice%n",
                run.path("runId").asText(), expected.size(), keys.size(), missing.size(), twice);
        assertThat(missing).isEmpty();
        assertThat(keys.keySet()).isEqualTo(expected);
        assertThat(twice).isZero();
        figures = figures.plusRun(expected.size(), keys.size(), missing.size(), twice);
    }

    private static String start(LocalDate month) throws Exception {
        HttpResponse<String> started = post(month);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return IngestRig.json(started.body()).path("runId").asText();
    }

    private static HttpResponse<String> post(LocalDate month) throws Exception {
        return rig.post(
                service,
                "/api/v1/ingestions",
                "{\"kind\":\"BACKFILL\",\"from\":\"" + month + "\",\"to\":\""
                        + month.plusMonths(1).minusDays(1) + "\"}");
    }

    /**
     * Spring Batch's executions of the run's job instance, oldest first, once the last has ended (the run
     * shows COMPLETED in the publish step's transaction; Spring Batch records its own end just after).
     */
    private static List<String> jobExecutions(String runId) throws Exception {
        List<String> statuses = executionStatuses(runId);
        for (int i = 0;
                i < 100
                        && !statuses.isEmpty()
                        && statuses.get(statuses.size() - 1).startsWith("START");
                i++) {
            Thread.sleep(100);
            statuses = executionStatuses(runId);
        }
        return statuses;
    }

    private static List<String> executionStatuses(String runId) throws Exception {
        List<String> statuses = new ArrayList<>();
        for (Map<String, Object> row : rig.query("""
                SELECT e.status FROM batch_job_execution e
                JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                WHERE p.parameter_name = 'runId' AND p.parameter_value = ? ORDER BY e.job_execution_id""", runId)) {
            statuses.add((String) row.get("status"));
        }
        return statuses;
    }

    /** {@code count} records spread over the month, now served by the source. */
    private static List<ObjectNode> served(LocalDate month, long firstKey, int count) {
        List<ObjectNode> records = SodaDataset.records(
                firstKey, count, i -> month.atStartOfDay().plusMinutes(397L * i + 11), Duration.ofHours(2));
        soda.put(records);
        return records;
    }

    /** Records created and updated in the last hours: what the daily incremental window finds. */
    private static List<ObjectNode> todaysUpdates(long firstKey, int count) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(SodaDataset.record(firstKey + i, now.minusHours(6 + i), now.minusMinutes(10L + 7 * i)));
        }
        return records;
    }
}
