package org.nyc311.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nyc311.ingest.landing.Manifest;
import org.nyc311.ingest.metrics.IngestionMetrics;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.run.RunConflictException;
import org.nyc311.ingest.run.RunStatus;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.sqs.SqsServer;
import org.springframework.beans.factory.annotation.Autowired;

class SodaIngestionIT extends IngestIntegrationTest {

    @Autowired
    private IngestionService ingestions;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ObjectMapper mapper;

    private final SodaStub soda = new SodaStub(SODA);
    private final Lake lake;
    private final Events events;

    SodaIngestionIT(S3Server s3, SqsServer sqs) {
        this.lake = new Lake(s3.client());
        this.events = new Events(sqs);
    }

    @Test
    void landsEveryRecordExactlyOnceThrough429s500sTimeoutsAndCutOffBodies() throws Exception {
        List<String> records = SodaStub.records(35, 1_000_000, false);
        soda.servePages(records, 10);
        // page 1: throttled (Retry-After 1 s), then a server error, then a body cut off mid-transfer, then fine
        String page1 = SodaStub.array(records.subList(10, 20));
        SODA.stubFor(soda.page(10)
                .inScenario("page1")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withBody("{\"message\":\"throttled\"}"))
                .willSetStateTo("503"));
        SODA.stubFor(soda.page(10)
                .inScenario("page1")
                .whenScenarioStateIs("503")
                .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>"))
                .willSetStateTo("cut"));
        SODA.stubFor(soda.page(10)
                .inScenario("page1")
                .whenScenarioStateIs("cut")
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK))
                .willSetStateTo("ok"));
        SODA.stubFor(soda.page(10).inScenario("page1").whenScenarioStateIs("ok").willReturn(SodaStub.json(page1)));
        // page 2: slower than the read timeout once
        SODA.stubFor(soda.page(20)
                .inScenario("page2")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                        SodaStub.json(SodaStub.array(records.subList(20, 30))).withFixedDelay(1_500))
                .willSetStateTo("ok"));
        SODA.stubFor(soda.page(20)
                .inScenario("page2")
                .whenScenarioStateIs("ok")
                .willReturn(SodaStub.json(SodaStub.array(records.subList(20, 30)))));
        double retriesBefore = retries();
        double recordsBefore = sum(IngestionMetrics.RECORDS);
        double pagesBefore = sum(IngestionMetrics.PAGES);
        long runsBefore = runsTimed();

        IngestionRun run = ingestions.run(Backfills.request(YearMonth.of(2026, 1)));

        assertThat(run.status()).as(String.valueOf(run.failureReason())).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.recordCount()).isEqualTo(35);
        assertThat(run.partCount()).isEqualTo(4);
        assertThat(lake.keys(run.batchPrefix()))
                .containsExactly(
                        run.batchPrefix() + "_manifest.json",
                        run.batchPrefix() + "part-00000.json.gz",
                        run.batchPrefix() + "part-00001.json.gz",
                        run.batchPrefix() + "part-00002.json.gz",
                        run.batchPrefix() + "part-00003.json.gz");
        assertThat(run.batchPrefix())
                .matches("raw/nyc311/ingestion_date=\\d{4}-\\d{2}-\\d{2}/run=" + run.runId() + "/");
        // exactly what the source gave, in its order
        assertThat(lake.records(run.batchPrefix()))
                .containsExactlyElementsOf(records.stream().map(lake::json).toList());
        assertThat(retries() - retriesBefore).isGreaterThanOrEqualTo(4);
        assertThat(sum(IngestionMetrics.RECORDS) - recordsBefore).isEqualTo(35);
        assertThat(sum(IngestionMetrics.PAGES) - pagesBefore).isEqualTo(4);
        assertThat(runsTimed() - runsBefore).isEqualTo(1);
        // a short page ends the run: nothing asked past it
        assertThat(soda.requestsFor(40)).isZero();
        SODA.verify(getRequestedFor(urlPathEqualTo(SodaStub.PATH))
                .withQueryParam(
                        "$where", equalTo("created_date between '2026-01-01T00:00:00' and '2026-01-31T23:59:59'"))
                .withQueryParam("$order", equalTo(":id"))
                .withQueryParam("$limit", equalTo("10"))
                .withHeader("X-App-Token", equalTo(APP_TOKEN)));
    }

    @Test
    void theEventOnTheQueueEqualsTheManifestAndComesAfterIt() throws Exception {
        events.drain();
        soda.servePages(SodaStub.records(23, 2_000_000, false), 10);

        IngestionRun run = ingestions.run(Backfills.request(YearMonth.of(2025, 1)));

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        Manifest manifest = mapper.readValue(lake.bytes(run.batchPrefix() + "_manifest.json"), Manifest.class);
        assertThat(manifest.recordCount()).isEqualTo(23);
        assertThat(manifest.partCount()).isEqualTo(3);
        assertThat(manifest.parts()).extracting(part -> part.recordCount()).containsExactly(10, 10, 3);
        for (var part : manifest.parts()) {
            assertThat(part.sha256()).isEqualTo(sha256(lake.bytes(part.key())));
        }
        List<RawBatchLanded> landed = events.of(run.runId());
        assertThat(landed).hasSize(1);
        RawBatchLanded event = landed.get(0);
        assertThat(event.bucket()).isEqualTo(manifest.bucket()).isEqualTo(BUCKET);
        assertThat(event.batchPrefix()).isEqualTo(manifest.batchPrefix());
        assertThat(event.manifestKey()).isEqualTo(manifest.batchPrefix() + "_manifest.json");
        assertThat(event.window()).isEqualTo(manifest.window());
        assertThat(event.ingestionDate()).isEqualTo(manifest.ingestionDate());
        assertThat(event.recordCount()).isEqualTo(manifest.recordCount());
        assertThat(event.partCount()).isEqualTo(manifest.partCount());
        assertThat(manifest.watermark())
                .as("backfills do not move the watermark")
                .isNull();
    }

    @Test
    void aRunThatFailsAfterPageKResumesAfterItsLastLandedPageLosingAndDuplicatingNothing() {
        List<String> records = SodaStub.records(50, 3_000_000, false);
        soda.servePages(records, 10);
        // the fault: page 3 cannot be had the first time (a 4xx is not retried), so the run stops after page 2
        soda.failOnce("fault", 30, aResponse().withStatus(400).withBody("{\"message\":\"query timeout\"}"));
        events.drain();

        IngestionRun failed = ingestions.run(Backfills.request(YearMonth.of(2024, 1)));

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.failureReason()).contains("SODA page 3 (offset 30)").contains("HTTP 400");
        assertThat(failed.partCount()).isEqualTo(3);
        assertThat(lake.keys(failed.batchPrefix())).doesNotContain(failed.batchPrefix() + "_manifest.json");
        assertThat(events.of(failed.runId())).isEmpty();

        IngestionRun resumed = ingestions.run(Backfills.request(YearMonth.of(2024, 1)));

        assertThat(resumed.runId()).isEqualTo(failed.runId());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.recordCount()).isEqualTo(50);
        assertThat(lake.keys(resumed.batchPrefix()))
                .containsExactlyElementsOf(IntStream.range(0, 5)
                        .mapToObj(i -> resumed.batchPrefix() + String.format("part-%05d.json.gz", i))
                        .collect(java.util.stream.Collectors.collectingAndThen(
                                java.util.stream.Collectors.toList(), keys -> {
                                    keys.add(0, resumed.batchPrefix() + "_manifest.json");
                                    return keys;
                                })));
        assertThat(lake.records(resumed.batchPrefix()))
                .containsExactlyElementsOf(records.stream().map(lake::json).toList());
        // the landed pages were not fetched again
        assertThat(List.of(
                        soda.requestsFor(0),
                        soda.requestsFor(10),
                        soda.requestsFor(20),
                        soda.requestsFor(30),
                        soda.requestsFor(40)))
                .containsExactly(1, 1, 1, 2, 1);
        assertThat(events.of(resumed.runId())).hasSize(1);
    }

    @Test
    void aMalformedPageFailsTheRunWithAClearErrorAndPublishesNothing() {
        List<String> records = SodaStub.records(30, 4_000_000, false);
        soda.servePages(records, 10);
        SODA.stubFor(soda.page(10)
                .willReturn(SodaStub.json("[{\"unique_key\": \"4000010\", \"created_date\": \"2023-01-0")));
        events.drain();

        IngestionRun run = ingestions.run(Backfills.request(YearMonth.of(2023, 1)));

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failureReason()).startsWith("SODA page 1 (offset 10) is malformed JSON");
        // page 0 landed (staged, committed) and nothing of page 1; a batch that is not whole publishes no part at all
        assertThat(lake.keys(run.batchPrefix())).isEmpty();
        assertThat(lake.keys("raw/_staging/run=" + run.runId() + "/"))
                .singleElement()
                .asString()
                .startsWith("raw/_staging/run=" + run.runId() + "/part-00000.");
        assertThat(run.partCount()).isEqualTo(1);
        assertThat(events.of(run.runId())).isEmpty();
        assertThat(soda.requestsFor(10))
                .as("a malformed page is not retried into a different answer")
                .isEqualTo(1);
    }

    @Test
    void aSourceThatKeepsFailingFailsTheRunWithinItsRetryBudgetAndPublishesNothing() {
        soda.servePages(SodaStub.records(20, 9_000_000, false), 10);
        SODA.stubFor(soda.page(10).willReturn(aResponse().withStatus(503).withBody("down for maintenance")));
        SODA.stubFor(soda.page(0)
                .atPriority(1)
                .withQueryParam(
                        "$where", equalTo("created_date between '2019-01-01T00:00:00' and '2019-01-31T23:59:59'"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        events.drain();

        IngestionRun exhausted = ingestions.run(Backfills.request(YearMonth.of(2020, 1)));
        IngestionRun throttled = ingestions.run(Backfills.request(YearMonth.of(2019, 1)));

        assertThat(exhausted.status()).isEqualTo(RunStatus.FAILED);
        assertThat(exhausted.failureReason())
                .startsWith("SODA page 1 (offset 10) still failing after 8 attempt(s)")
                .contains("HTTP 503");
        assertThat(exhausted.partCount()).isEqualTo(1);
        assertThat(lake.keys(exhausted.batchPrefix())).doesNotContain(exhausted.batchPrefix() + "_manifest.json");
        // a Retry-After beyond the budget is not waited out: the run fails at once and says why
        assertThat(throttled.status()).isEqualTo(RunStatus.FAILED);
        assertThat(throttled.failureReason())
                .contains("after 1 attempt(s)")
                .contains("HTTP 429")
                .contains("the server asked to retry after 3600 s");
        assertThat(events.of(exhausted.runId())).isEmpty();
        assertThat(events.of(throttled.runId())).isEmpty();
    }

    @Test
    void twoRunsOfTheSameWindowNeverRunAtOnce() throws Exception {
        soda.servePages(SodaStub.records(5, 5_000_000, false), 10);
        SODA.stubFor(soda.page(0)
                .willReturn(SodaStub.json(SodaStub.array(SodaStub.records(5, 5_000_000, false)))
                        .withFixedDelay(600)));
        // the read timeout is 700 ms: this page is slow but in time

        IngestionRun first = ingestions.start(Backfills.request(YearMonth.of(2022, 1)));

        assertThatThrownBy(() -> ingestions.start(Backfills.request(YearMonth.of(2022, 1))))
                .isInstanceOf(RunConflictException.class)
                .hasMessageContaining(first.runId())
                .hasMessageContaining("never run at once");
        IngestionRun done = awaitEnd(first.runId());
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.recordCount()).isEqualTo(5);
    }

    private IngestionRun awaitEnd(String runId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            IngestionRun run = ingestions.find(runId).orElseThrow();
            if (run.status() != RunStatus.RUNNING) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not end");
    }

    private double retries() {
        return sum(IngestionMetrics.RETRIES);
    }

    private double sum(String counter) {
        return meters.find(counter).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private long runsTimed() {
        return meters.find(IngestionMetrics.RUN_DURATION).timers().stream()
                .mapToLong(t -> t.count())
                .sum();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
