package org.nyc311.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
import org.nyc311.faults.support.ingest.LakePipeline;
import org.nyc311.faults.support.ingest.SodaDataset;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.sqs.SqsServer;

/**
 * Fault 3, offset paging over a window that moves: records updated while a run pages leave
 * {@code :updated_at between from and to}; with {@code $offset} every later page shifted and the
 * records at page boundaries were skipped, for good, since their {@code :updated_at} lies before the
 * next run's window. The SODA stand-in evaluates the intake's real queries over a data set and, between
 * pages, moves k records it has just served past the window's end (an incremental), or deletes k it
 * has just served (a backfill). Keyset paging ({@code (:updated_at, :id)} and {@code :id}) loses
 * nothing: this run plus the next hold every record, and gold counts each once.
 */
@IngestRigServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MovingWindowPagingIT {

    private static final String FAULT = "offset paging over a moving window";
    private static final int PAGE = 10;
    private static final int MOVED_PER_PAGE = 3;
    private static SodaDataset soda;
    private static IngestRig rig;
    private static ServiceJvm service;
    /** What the source held, record by record, as gold must count it (the latest version of each). */
    private static final Map<String, ObjectNode> truth = new LinkedHashMap<>();

    @BeforeAll
    static void start(PostgresServer postgres, S3Server s3, SqsServer sqs) throws Exception {
        soda = SodaDataset.start();
        rig = IngestRig.create("moving-window-paging", postgres, s3, sqs, soda);
        service = rig.startService(Map.of(
                "nyc311.ingest.soda.page-size",
                Integer.toString(PAGE),
                // the first incremental run reaches back 4 days, past the 1-day overlap of the next one
                "nyc311.ingest.incremental.first-lookback",
                "4d"));
    }

    @AfterAll
    static void stop() {
        IngestRig.stopAll(service, rig, soda);
    }

    @Test
    @Order(1)
    void recordsUpdatedDuringAnIncrementalRunAreInThisRunOrTheNextNoneSkipped() throws Exception {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            // updated 2 to 4 days ago: inside the first run's window, before the next run's
            LocalDateTime updated = now.minusDays(4).plusHours(2).plusMinutes(37L * i);
            records.add(SodaDataset.record(72_000_000 + i, updated.minusHours(3 + i % 30), updated));
        }
        soda.put(records);
        List<String> moved = new ArrayList<>();
        AtomicInteger pages = new AtomicInteger();
        soda.afterEachPage((query, page) -> {
            if (!query.incremental() || page.isEmpty()) {
                return;
            }
            pages.incrementAndGet();
            // k records of the page just served are edited now: their :updated_at moves past the window's end
            String after = SodaDataset.sodaTime(query.windowTo().plusSeconds(1)) + "Z";
            for (ObjectNode served : page.subList(0, Math.min(MOVED_PER_PAGE, page.size()))) {
                String id = soda.idOf(served);
                soda.update(id, record -> record.put(":updated_at", after).put("status", "In Progress"));
                moved.add(served.path("unique_key").asText());
            }
        });

        JsonNode first = startAndAwait("{\"kind\":\"INCREMENTAL\"}");
        soda.afterEachPage((query, page) -> {});

        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("COMPLETED");
        assertThat(moved)
                .as("records moved past the window between pages")
                .hasSizeGreaterThanOrEqualTo(3 * MOVED_PER_PAGE);
        LocalDateTime to = LocalDateTime.parse(first.path("window").path("to").asText());
        // the next daily run: its window (from the watermark less the overlap, to now) must reach the moved records
        while (!LocalDateTime.now(ZoneOffset.UTC).isAfter(to.plusSeconds(2))) {
            Thread.sleep(200);
        }
        JsonNode second = startAndAwait("{\"kind\":\"INCREMENTAL\"}");
        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("COMPLETED");

        Map<String, Integer> inFirst = rig.uniqueKeys(parts(first));
        Map<String, Integer> inSecond = rig.uniqueKeys(parts(second));
        Set<String> union = new TreeSet<>(inFirst.keySet());
        union.addAll(inSecond.keySet());
        Set<String> expected = keys(soda.snapshot());
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(union);
        System.out.printf(
                "incremental: %d records, %d moved past the window during run 1 (%d pages); run 1 landed %d, run 2 %d%n",
                expected.size(), moved.size(), pages.get(), inFirst.size(), inSecond.size());
        assertThat(missing).as("records in neither run").isEmpty();
        assertThat(inFirst.values()).as("no record twice within a run").allMatch(n -> n == 1);
        assertThat(inSecond.keySet()).as("the next run holds the moved records").containsAll(moved);
        soda.snapshot().forEach(record -> truth.put(record.path("unique_key").asText(), record));
    }

    @Test
    @Order(2)
    void recordsDeletedDuringABackfillShiftNoOtherRecordPastAPage() throws Exception {
        LocalDate month = SodaDataset.monthStartAgo(3);
        List<ObjectNode> records = SodaDataset.records(
                73_000_000, 47, i -> month.atStartOfDay().plusHours(13L * i + 1), Duration.ofHours(6));
        soda.put(records);
        records.forEach(record -> truth.put(record.path("unique_key").asText(), record.deepCopy()));
        List<String> deleted = new ArrayList<>();
        soda.afterEachPage((query, page) -> {
            if (query.incremental() || page.isEmpty()) {
                return;
            }
            // k records of the page just served are deleted at the source; with $offset, as many unread ones slid past
            for (ObjectNode served : page.subList(0, Math.min(MOVED_PER_PAGE, page.size()))) {
                soda.remove(soda.idOf(served));
                deleted.add(served.path("unique_key").asText());
            }
        });

        JsonNode run = startAndAwait("{\"kind\":\"BACKFILL\",\"from\":\"" + month + "\",\"to\":\""
                + month.plusMonths(1).minusDays(1) + "\"}");
        soda.afterEachPage((query, page) -> {});

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        Map<String, Integer> landed = rig.uniqueKeys(parts(run));
        System.out.printf(
                "backfill: %d records, %d deleted at the source right after they were served; landed %d%n",
                records.size(), deleted.size(), landed.size());
        assertThat(deleted).hasSizeGreaterThanOrEqualTo(3 * MOVED_PER_PAGE);
        assertThat(landed.keySet())
                .as("every record of the window, read before or despite the deletes")
                .isEqualTo(keys(records));
        assertThat(landed.values()).as("each once").allMatch(n -> n == 1);
    }

    /** Bronze, silver and gold over both runs' batches: each record counted once, in its New York day, type and borough. */
    @Test
    @Order(3)
    void goldCountsEveryRecordOnce() throws Exception {
        assertThat(truth).as("the runs above filled the lake").isNotEmpty();
        LakePipeline pipeline = new LakePipeline(rig.lakeRoot(), rig.logs());
        JsonNode result = pipeline.batch("moving-window-1");
        Map<String, Long> gold = pipeline.gold();

        Reconciliation figures = LakePipeline.reconcile(
                FAULT, truth.values(), rig.uniqueKeys(rig.rawParts()).size(), List.of(result), gold);

        assertThat(figures.landed()).isEqualTo(figures.in());
        assertThat(figures.silver()).isEqualTo(figures.in());
        assertThat(figures.gold()).isEqualTo(figures.in());
        assertThat(figures.lost()).isZero();
        assertThat(figures.duplicated()).isZero();
    }

    private static JsonNode startAndAwait(String body) throws Exception {
        HttpResponse<String> started = rig.post(service, "/api/v1/ingestions", body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return rig.awaitRun(
                service, IngestRig.json(started.body()).path("runId").asText(), Duration.ofMinutes(2));
    }

    /** The final parts of one run's batch. */
    private static List<String> parts(JsonNode run) {
        return rig.keys(run.path("batchPrefix").asText()).stream()
                .filter(key -> key.endsWith(".json.gz"))
                .toList();
    }

    private static Set<String> keys(Collection<ObjectNode> records) {
        Set<String> keys = new TreeSet<>();
        records.forEach(record -> keys.add(record.path("unique_key").asText()));
        return keys;
    }
}
