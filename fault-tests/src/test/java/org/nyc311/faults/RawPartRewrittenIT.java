package org.nyc311.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * Fault 7, a raw part rewritten under the same key after a resumed ingest: a page written to S3 whose
 * database commit was cut by kill -9 used to be fetched again on resume and written under the same key,
 * with whatever the source now served; bronze, which takes each file once and may already have read
 * parts of the unfinished batch, never read the new content. Now pages are staged under keys of their
 * own outside bronze's raw root, and the publish step copies the committed ones to their final keys
 * once every page has landed, then writes the manifest.
 *
 * <p>The test kills the service exactly between an S3 PUT and its commit (the part table is locked
 * from here while the page is staged), runs bronze on the lake while the batch is unfinished, restarts
 * the service and resumes the run with the source now serving changed content for the interrupted page,
 * watches every final key from its first appearance, and runs bronze, silver and gold at the end.
 */
@IngestRigServers
class RawPartRewrittenIT {

    private static final String FAULT = "raw part rewritten after a resumed ingest";
    private static final int PAGE = 10;
    /** A staged page's whole key, {@code part-00003.<token>.json.gz}, not a temporary file beside it. */
    private static final Pattern STAGED_PAGE_3 = Pattern.compile("part-00003\\.[^.]+\\.json\\.gz");

    private static SodaDataset soda;
    private static IngestRig rig;
    private static ServiceJvm service;

    @BeforeAll
    static void start(PostgresServer postgres, S3Server s3, SqsServer sqs) throws Exception {
        soda = SodaDataset.start();
        rig = IngestRig.create("raw-part-rewritten", postgres, s3, sqs, soda);
        service = rig.startService(Map.of(
                "nyc311.ingest.soda.page-size", Integer.toString(PAGE),
                "nyc311.ingest.lease.length", "6s",
                "nyc311.ingest.lease.heartbeat", "1s"));
    }

    @AfterAll
    static void stop() {
        IngestRig.stopAll(service, rig, soda);
    }

    @Test
    void aPageResumedWithChangedContentIsPublishedOnceUnderItsKeyAndBronzeReadsEveryRecordOnce() throws Exception {
        LocalDate month = SodaDataset.monthStartAgo(4);
        List<ObjectNode> records = SodaDataset.records(
                76_000_000, 53, i -> month.atStartOfDay().plusMinutes(613L * i + 7), Duration.ofHours(3));
        soda.put(records);
        String body = "{\"kind\":\"BACKFILL\",\"from\":\"" + month + "\",\"to\":\""
                + month.plusMonths(1).minusDays(1) + "\"}";
        AtomicInteger requests = new AtomicInteger();
        SodaDataset.Gate page3 = soda.holdFirst(query -> requests.incrementAndGet() == 4);

        // 1. run, and kill -9 the service after page 3 reached S3 but before its row committed
        HttpResponse<String> started = rig.post(service, "/api/v1/ingestions", body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = IngestRig.json(started.body()).path("runId").asText();
        String finalPrefix = IngestRig.json(started.body()).path("batchPrefix").asText();
        String staging = "raw/_staging/run=" + runId + "/";
        assertThat(page3.awaitArrival(Duration.ofMinutes(2)))
                .as("the run asked for page 3")
                .isTrue();
        String interruptedSha;
        try (Connection lock = rig.connect()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                // reads go on; the page's INSERT waits, so the page is in S3 and not in the database
                statement.execute("LOCK TABLE ingestion_part IN EXCLUSIVE MODE");
            }
            page3.release();
            String stagedPage3 = awaitKey(staging, STAGED_PAGE_3, Duration.ofMinutes(1));
            service.kill();
            interruptedSha = sha256(rig.bytes(stagedPage3));
            lock.rollback();
        }
        assertThat(rig.query("SELECT part_number FROM ingestion_part WHERE run_id = ? ORDER BY part_number", runId))
                .as("committed: parts 0 to 2, not the page that was in S3")
                .hasSize(3);
        assertThat(rig.keys(staging)).as("staged: parts 0 to 3").hasSize(4);
        assertThat(rig.keys(finalPrefix))
                .as("nothing of an unfinished batch is where bronze reads")
                .isEmpty();

        // 2. a pipeline run triggered meanwhile (another batch landed): bronze finds nothing of this batch
        LakePipeline pipeline = new LakePipeline(rig.lakeRoot(), rig.logs());
        pipeline.bronze("meanwhile");
        assertThat(pipeline.filesTakenByBronze())
                .as("bronze took nothing of the unfinished batch")
                .isEmpty();

        // 3. the source changes the interrupted page: two records edited, one new record in its key range
        List<ObjectNode> byId = soda.snapshot().stream()
                .sorted(Comparator.comparing((ObjectNode r) -> r.get(":id").asText()))
                .toList();
        String now = SodaDataset.sodaTime(LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)) + "Z";
        soda.update(
                byId.get(31).get(":id").asText(),
                r -> r.put("complaint_type", "Dirty Condition")
                        .put("borough", "QUEENS")
                        .put("status", "Closed")
                        .put(":updated_at", now));
        soda.update(
                byId.get(34).get(":id").asText(),
                r -> r.put("complaint_type", "HEAT/HOT WATER")
                        .put("borough", "BRONX")
                        .put(":updated_at", now));
        ObjectNode inserted = SodaDataset.record(
                76_000_999, month.atStartOfDay().plusDays(9).plusHours(9), LocalDateTime.now(ZoneOffset.UTC));
        inserted.put(":id", byId.get(32).get(":id").asText() + "0");
        soda.put(List.of(inserted));

        // 4. restart once the killed run's lease has expired, resume the run, watch every final key from its first
        // sight
        Instant leaseEnd = ((java.sql.Timestamp)
                        rig.query("SELECT lease_expires_at FROM ingestion_run WHERE run_id = ?", runId)
                                .get(0)
                                .get("lease_expires_at"))
                .toInstant();
        service.restart().awaitReady(Duration.ofSeconds(90));
        while (Instant.now().isBefore(leaseEnd.plusMillis(500))) {
            Thread.sleep(100);
        }
        Map<String, String> firstSight = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(
                () -> {
                    while (watching.get()) {
                        for (String key : rig.keys(finalPrefix)) {
                            firstSight.computeIfAbsent(key, k -> sha256(rig.bytes(k)));
                        }
                    }
                },
                "final-key-watcher");
        watcher.start();
        JsonNode run;
        try {
            HttpResponse<String> resumed = rig.post(service, "/api/v1/ingestions", body);
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
            assertThat(IngestRig.json(resumed.body()).path("runId").asText())
                    .as("the same run, resumed")
                    .isEqualTo(runId);
            run = rig.awaitRun(service, runId, Duration.ofMinutes(2));
        } finally {
            watching.set(false);
            watcher.join();
        }
        // the copies take milliseconds: keys the watcher did not catch during the run are first seen now
        for (String key : rig.keys(finalPrefix)) {
            firstSight.computeIfAbsent(key, k -> sha256(rig.bytes(k)));
        }
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");

        // 5. every final key written once, with one content: its first sight, its end and the manifest agree
        JsonNode manifest = IngestRig.json(
                new String(rig.bytes(finalPrefix + "_manifest.json"), java.nio.charset.StandardCharsets.UTF_8));
        Map<String, String> listed = new TreeMap<>();
        manifest.path("parts")
                .forEach(part -> listed.put(
                        part.path("key").asText(), part.path("sha256").asText()));
        List<String> parts = rig.keys(finalPrefix).stream()
                .filter(key -> key.endsWith(".json.gz"))
                .toList();
        assertThat(parts).hasSize(6);
        assertThat(listed.keySet()).containsExactlyElementsOf(parts);
        for (String part : parts) {
            String end = sha256(rig.bytes(part));
            assertThat(firstSight.get(part))
                    .as(part + " at first sight and at the end")
                    .isEqualTo(end);
            assertThat(listed.get(part)).as(part + " in the manifest").isEqualTo(end);
        }
        // the writer's side: one publish of this run copied each of its six parts, and no other publish copied any
        List<String> publishes = java.nio.file.Files.readAllLines(service.log()).stream()
                .filter(line -> line.contains("run " + runId + ": ") && line.contains(" part(s) published to "))
                .toList();
        assertThat(publishes).as("publish steps of the run").hasSize(1);
        assertThat(publishes.get(0)).contains("run " + runId + ": 6 of 6 part(s) published");
        String part3 = finalPrefix + "part-00003.json.gz";
        assertThat(listed.get(part3))
                .as("page 3 is published with the content served on resume, not the interrupted one")
                .isNotEqualTo(interruptedSha);
        assertThat(rig.records(part3))
                .anySatisfy(record -> assertThat(record.path("status").asText()).isEqualTo("Closed"));
        assertThat(rig.keys(staging)).as("staging cleared after publishing").isEmpty();
        Map<String, Integer> landed = rig.uniqueKeys(parts);
        Set<String> expected = new TreeSet<>();
        soda.snapshot().forEach(record -> expected.add(record.path("unique_key").asText()));
        assertThat(landed.keySet())
                .as("the union of the final parts holds every record")
                .isEqualTo(expected);
        assertThat(landed.values()).as("each exactly once").allMatch(n -> n == 1);

        // 6. bronze, silver, gold: bronze took each final part once and nothing staged; gold counts every record once
        JsonNode result = pipeline.batch("after-resume");
        List<String> taken = pipeline.filesTakenByBronze();
        assertThat(taken)
                .as("each final part taken exactly once, nothing else")
                .containsExactlyInAnyOrderElementsOf(parts);
        assertThat(result.path("silver").path("recordsIn").asLong())
                .as("bronze rows of the run")
                .isEqualTo(expected.size());
        Map<String, Long> gold = pipeline.gold();
        Reconciliation figures = LakePipeline.reconcile(FAULT, soda.snapshot(), landed.size(), List.of(result), gold);

        assertThat(figures.in()).isEqualTo(54);
        assertThat(figures.landed()).isEqualTo(figures.in());
        assertThat(figures.silver()).isEqualTo(figures.in());
        assertThat(figures.gold()).isEqualTo(figures.in());
        assertThat(figures.lost()).isZero();
        assertThat(figures.duplicated()).isZero();
    }

    private static String awaitKey(String prefix, Pattern name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String key : rig.keys(prefix)) {
                if (name.matcher(key.substring(prefix.length())).matches()) {
                    return key;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + prefix + name + " within " + timeout + "; have " + rig.keys(prefix));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
