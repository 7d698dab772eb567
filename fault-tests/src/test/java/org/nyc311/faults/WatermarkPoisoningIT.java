package org.nyc311.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Fault 2, watermark poisoning: a request for an incremental window that ends in 2099 used to be
 * accepted; its end became the watermark, and every later daily intake (the one-shot task) exited 2
 * because its window would end before it starts. Now such a window, and one too wide, is a 400 problem
 * detail, nothing runs, the watermark stays, and the next daily run completes. A poisoned watermark
 * already stored is clamped to the moment it was stored, said in the log, and replaced by the next run.
 */
@IngestRigServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatermarkPoisoningIT {

    private static final String FAULT = "watermark poisoning";
    private static SodaDataset soda;
    private static IngestRig rig;
    private static ServiceJvm service;
    private static long nextKey = 71_000_000;

    @BeforeAll
    static void start(PostgresServer postgres, S3Server s3, SqsServer sqs) throws Exception {
        soda = SodaDataset.start();
        rig = IngestRig.create("watermark-poisoning", postgres, s3, sqs, soda);
        service = rig.startService(Map.of("nyc311.ingest.soda.page-size", "10"));
    }

    @AfterAll
    static void stop() {
        IngestRig.stopAll(service, rig, soda);
    }

    @Test
    @Order(1)
    void aWindowInTheFutureOrTooWideIsA400AndTheNextDailyIntakeCompletes() throws Exception {
        addUpdates(25, 5);
        IngestRig.Daily first = rig.runDaily(Map.of());
        assertThat(first.exit()).as(first.output()).isZero();
        LocalDateTime mark = rig.watermark().orElseThrow();
        long runsBefore = runCount();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> refused = List.of(
                "{\"kind\":\"INCREMENTAL\",\"to\":\"2099-12-31\"}",
                "{\"kind\":\"INCREMENTAL\",\"from\":\"" + today.minusDays(1) + "\",\"to\":\"2099-12-31\"}",
                "{\"kind\":\"INCREMENTAL\",\"from\":\"" + today + "T00:00:00\",\"to\":\"" + today.plusDays(1)
                        + "T06:00:00\"}",
                "{\"kind\":\"INCREMENTAL\",\"from\":\"2020-01-01\",\"to\":\"" + today.minusDays(1) + "\"}",
                "{\"kind\":\"BACKFILL\",\"from\":\"" + today.minusDays(3) + "\",\"to\":\"2099-12-31\"}",
                "{\"kind\":\"BACKFILL\",\"from\":\"2010-01-01\",\"to\":\"2020-12-31\"}");
        for (String body : refused) {
            HttpResponse<String> response = rig.post(service, "/api/v1/ingestions", body);
            assertThat(response.statusCode())
                    .as(body + " -> " + response.body())
                    .isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("application/problem+json");
            JsonNode problem = IngestRig.json(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("detail").asText()).as(body).isNotBlank();
            System.out.println("refused " + body + ": " + problem.path("detail").asText());
        }
        // a year no request may name is refused at the edge (service-support's date guard), before any window rule
        JsonNode poisoned = IngestRig.json(
                rig.post(service, "/api/v1/ingestions", refused.get(1)).body());
        assertThat(poisoned.path("detail").asText()).contains("must be between").contains("2099-12-31");
        JsonNode future = IngestRig.json(
                rig.post(service, "/api/v1/ingestions", refused.get(2)).body());
        assertThat(future.path("detail").asText())
                .contains("must not end in the future")
                .contains("watermark");
        JsonNode wide = IngestRig.json(
                rig.post(service, "/api/v1/ingestions", refused.get(5)).body());
        assertThat(wide.path("detail").asText())
                .contains("may span at most")
                .contains("nyc311.ingest.limits.max-backfill");

        assertThat(runCount()).as("no refused window became a run").isEqualTo(runsBefore);
        assertThat(rig.watermark()).as("the watermark is unchanged").contains(mark);

        // a legitimate request still runs: a window that ends now, a backfill of a month
        HttpResponse<String> fine = rig.post(
                service,
                "/api/v1/ingestions",
                "{\"kind\":\"BACKFILL\",\"from\":\"" + today.minusDays(30) + "\",\"to\":\"" + today.minusDays(1)
                        + "\"}");
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(202);
        assertThat(rig.awaitRun(
                                service,
                                IngestRig.json(fine.body()).path("runId").asText(),
                                java.time.Duration.ofMinutes(1))
                        .path("status")
                        .asText())
                .isEqualTo("COMPLETED");

        addUpdates(15, 1);
        IngestRig.Daily next = rig.runDaily(Map.of());

        assertThat(next.exit())
                .as("the next daily intake completes:\n" + next.output())
                .isZero();
        assertThat(rig.watermark().orElseThrow()).isAfter(mark).isBefore(nowUtc().plusMinutes(1));
    }

    /** The state an older version left behind: the watermark already at the end of 2099. */
    @Test
    @Order(2)
    void aPoisonedWatermarkAlreadyStoredIsClampedWithALogLineAndReplacedByTheNextRun() throws Exception {
        assertThat(rig.update("UPDATE ingestion_watermark SET watermark = TIMESTAMP '2099-12-31 23:59:59'"))
                .isEqualTo(1);
        addUpdates(12, 2);

        IngestRig.Daily daily = rig.runDaily(Map.of());

        assertThat(daily.exit())
                .as("the daily intake is not wedged:\n" + daily.output())
                .isZero();
        assertThat(daily.output())
                .contains("the stored watermark 2099-12-31T23:59:59")
                .contains("lies after the moment it was stored");
        LocalDateTime mark = rig.watermark().orElseThrow();
        assertThat(mark)
                .as("a real watermark again")
                .isBefore(nowUtc().plusMinutes(1))
                .isAfter(nowUtc().minusHours(1));

        addUpdates(8, 1);
        IngestRig.Daily after = rig.runDaily(Map.of());
        assertThat(after.exit()).as(after.output()).isZero();
        assertThat(after.output()).doesNotContain("lies after the moment it was stored");
        assertThat(rig.watermark().orElseThrow()).isAfter(mark);

        // the records the fault is about: every update the source made is in a landed batch, once per run that saw it
        List<ObjectNode> source = soda.snapshot();
        Map<String, Integer> landed = rig.uniqueKeys(rig.rawParts());
        long lost = source.stream()
                .filter(record -> !landed.containsKey(record.path("unique_key").asText()))
                .count();
        new Reconciliation(FAULT, source.size(), landed.size(), -1, -1, lost, 0).print();
        assertThat(lost).isZero();
        assertThat(landed).hasSize(source.size());
    }

    /** {@code count} new records updated in the last {@code hours} hours (UTC), as a day at the portal brings. */
    private static void addUpdates(int count, int hours) {
        LocalDateTime now = nowUtc();
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long key = nextKey++;
            LocalDateTime updated = now.minusSeconds(60 + (long) i * hours * 3_600 / count);
            records.add(SodaDataset.record(key, updated.minusHours(5 + i % 48), updated));
        }
        soda.put(records);
    }

    private static long runCount() throws Exception {
        return ((Number) rig.query("SELECT COUNT(*) AS n FROM ingestion_run")
                        .get(0)
                        .get("n"))
                .longValue();
    }

    private static LocalDateTime nowUtc() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }
}
