package org.nyc311.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.run.RunStatus;
import org.nyc311.testsupport.s3.S3Server;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A run cut by an outage of the source is resumed by the service once the wait is over, with nobody asking:
 * same run, after its last landed page, every record once. A run the source answered with something that
 * cannot land is not: asking again would get the same answer.
 */
class OutageResumptionIT extends IngestIntegrationTest {

    @DynamicPropertySource
    static void resumeQuickly(DynamicPropertyRegistry registry) {
        registry.add("nyc311.ingest.resume.enabled", () -> "true");
        registry.add("nyc311.ingest.resume.first-wait", () -> "2s");
        registry.add("nyc311.ingest.resume.max-wait", () -> "4s");
        registry.add("nyc311.ingest.resume.attempts", () -> "3");
        registry.add("nyc311.ingest.resume.check-every", () -> "200ms");
    }

    @Autowired
    private IngestionService ingestions;

    private final SodaStub soda = new SodaStub(SODA);
    private final Lake lake;

    OutageResumptionIT(S3Server s3) {
        this.lake = new Lake(s3.client());
    }

    @Test
    void aRunCutByASourceOutageIsResumedByTheServiceAndLandsEveryRecordOnce() throws Exception {
        List<String> records = SodaStub.records(30, 7_000_000, false);
        soda.servePages(records, 10);
        // the outage: from page 1 on, connections are reset, through every retry, until the test ends it
        StubMapping outage = SODA.stubFor(
                soda.page(10).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        IngestionRun failed = ingestions.run(Backfills.request(YearMonth.of(2022, 3)));

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.failureReason()).contains("SODA page 1 (offset 10) still failing");
        assertThat(failed.partCount()).isEqualTo(1);
        assertThat(failed.retryAt())
                .as("an outage is resumed after a wait")
                .isNotNull()
                .isAfter(Instant.now().minusSeconds(5))
                .isBefore(Instant.now().plusSeconds(10));

        // still down at the first retry: failed again, with a longer wait
        IngestionRun second = await(
                failed.runId(),
                run -> run.status() == RunStatus.FAILED && !failed.retryAt().equals(run.retryAt()),
                Duration.ofSeconds(30));
        assertThat(second.retryAt()).isNotNull();
        assertThat(soda.requestsFor(10)).isGreaterThan(1);

        SODA.removeStub(outage);
        IngestionRun completed =
                await(failed.runId(), run -> run.status() == RunStatus.COMPLETED, Duration.ofSeconds(60));

        assertThat(completed.recordCount()).isEqualTo(30);
        assertThat(completed.retryAt()).isNull();
        assertThat(lake.records(completed.batchPrefix()))
                .containsExactlyElementsOf(records.stream().map(lake::json).toList());
        assertThat(soda.requestsFor(0))
                .as("the landed page was not fetched again")
                .isEqualTo(1);
    }

    @Test
    void aRunTheSourceAnsweredWithSomethingThatCannotLandIsNotResumed() throws Exception {
        soda.servePages(SodaStub.records(20, 8_000_000, false), 10);
        SODA.stubFor(soda.page(10)
                .atPriority(1)
                .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"bad query\"}")));

        IngestionRun failed = ingestions.run(Backfills.request(YearMonth.of(2021, 3)));

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.retryAt()).isNull();
        Thread.sleep(3_000);
        assertThat(ingestions.find(failed.runId()).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        assertThat(soda.requestsFor(10)).isEqualTo(1);
    }

    private IngestionRun await(String runId, Predicate<IngestionRun> done, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        IngestionRun run = ingestions.find(runId).orElseThrow();
        while (!done.test(run) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            run = ingestions.find(runId).orElseThrow();
        }
        assertThat(done.test(run))
                .as("run %s within %s: %s", runId, within, run)
                .isTrue();
        return run;
    }
}
