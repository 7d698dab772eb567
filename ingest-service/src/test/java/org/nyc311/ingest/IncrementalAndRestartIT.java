package org.nyc311.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.landing.BatchLayout;
import org.nyc311.ingest.landing.Manifest;
import org.nyc311.ingest.landing.RawBatchStore;
import org.nyc311.ingest.run.IngestionJobConfiguration;
import org.nyc311.ingest.run.IngestionRequest;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.ingest.run.IngestionRunRepository;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.run.RunStatus;
import org.nyc311.ingest.run.StaleRunRecovery;
import org.nyc311.ingest.schedule.DailyIngestion;
import org.nyc311.ingest.source.PageKey;
import org.nyc311.ingest.watermark.WatermarkStore;
import org.nyc311.model.ingest.IngestionWindow;
import org.nyc311.testsupport.s3.S3Server;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

class IncrementalAndRestartIT extends IngestIntegrationTest {

    @Autowired
    private IngestionService ingestions;

    @Autowired
    private WatermarkStore watermarks;

    @Autowired
    private IngestionRunRepository runs;

    @Autowired
    private RawBatchStore store;

    @Autowired
    private JobRepository jobRepository;

    @Autowired
    private StaleRunRecovery recovery;

    @Autowired
    private ObjectMapper mapper;

    @Autowired
    private IngestProperties properties;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    private final SodaStub soda = new SodaStub(SODA);
    private final Lake lake;

    IncrementalAndRestartIT(S3Server s3) {
        this.lake = new Lake(s3.client());
    }

    @Test
    void theIncrementalRunAsksForUpdatedAtFromTheWatermarkLessTheOverlapAndMovesItOnlyWhenItCompletes()
            throws Exception {
        LocalDateTime mark = LocalDateTime.of(2026, 6, 1, 4, 0, 0);
        watermarks.advance(mark, "seeded-by-test");
        List<String> records = SodaStub.records(12, 6_000_000, true);
        soda.servePages(records, 10);
        soda.failOnce("inc", 10, aResponse().withStatus(404).withBody("{\"message\":\"no such column\"}"));

        IngestionRun failed = ingestions.run(IngestionRequest.incremental());

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.window().kind()).isEqualTo(IngestionWindow.Kind.INCREMENTAL);
        assertThat(failed.window().from()).isEqualTo(mark.minusDays(1));
        assertThat(watermarks.current()).as("a failed run leaves the watermark").contains(mark);

        IngestionRun completed = ingestions.run(IngestionRequest.incremental());

        assertThat(completed.runId())
                .as("the failed incremental run is resumed, not replaced")
                .isEqualTo(failed.runId());
        assertThat(completed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(completed.recordCount()).isEqualTo(12);
        assertThat(watermarks.current()).contains(completed.window().to());
        assertThat(completed.watermark()).isEqualTo(completed.window().to());
        double lag = meters.get(org.nyc311.ingest.metrics.IngestionMetrics.WATERMARK_LAG)
                .gauge()
                .value();
        assertThat(lag).as("watermark lag in seconds, just after the run").isBetween(0.0, 3_600.0);
        Manifest manifest = mapper.readValue(lake.bytes(completed.batchPrefix() + "_manifest.json"), Manifest.class);
        assertThat(manifest.watermark()).isEqualTo(completed.window().to());
        assertThat(lake.records(completed.batchPrefix()).get(0).has(":updated_at"))
                .isTrue();
        SODA.verify(getRequestedFor(urlPathEqualTo(SodaStub.PATH))
                .withQueryParam("$select", equalTo(":*,*"))
                .withQueryParam(
                        "$where",
                        matching(
                                ":updated_at between '2026-05-31T04:00:00' and '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d'"))
                .withQueryParam("$order", equalTo(":updated_at,:id")));

        // the next day's run starts from the new watermark less the overlap
        soda.servePages(List.of(), 10);
        IngestionRun next = ingestions.run(IngestionRequest.incremental());
        assertThat(next.window().from()).isEqualTo(completed.window().to().minusDays(1));
        assertThat(next.recordCount()).isZero();
        assertThat(next.status()).isEqualTo(RunStatus.COMPLETED);

        // what the 03:00 schedule calls: the same incremental run, in the background
        new DailyIngestion(ingestions, properties).runIncremental();
        IngestionRun daily = runs.latestIncremental().orElseThrow();
        for (int i = 0; i < 400 && daily.status() == RunStatus.RUNNING; i++) {
            Thread.sleep(50);
            daily = runs.find(daily.runId()).orElseThrow();
        }
        assertThat(daily.runId()).isNotEqualTo(next.runId());
        assertThat(daily.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(daily.window().from()).isEqualTo(next.window().to().minusDays(1));
    }

    /**
     * What a killed process leaves behind, made by hand: a run RUNNING whose lease has expired, its Spring
     * Batch execution STARTED in the middle of land-pages, two parts landed. Recovery (at start-up, or
     * before a run is prepared) marks it failed; starting the window again resumes after part 1.
     */
    @Test
    void aRunKilledMidwayIsMarkedFailedOnceItsLeaseExpiredAndResumesAfterItsLastLandedPage() throws Exception {
        List<String> records = SodaStub.records(45, 7_000_000, false);
        soda.servePages(records, 10);
        IngestionWindow window = Backfills.window(YearMonth.of(2021, 3));
        String runId = UUID.randomUUID().toString();
        BatchLayout layout = new BatchLayout(LocalDate.of(2026, 11, 23), runId);
        // held by a process that is gone: its lease is not renewed, so it expires at once
        runs.insertRunning(StartedRuns.apiRun(window, layout), "a-killed-process", java.time.Duration.ZERO);
        JobExecution execution = jobRepository.createJobExecution(
                IngestionJobConfiguration.JOB_NAME,
                new JobParametersBuilder()
                        .addString(IngestionJobConfiguration.RUN_ID, runId)
                        .toJobParameters());
        execution.setStatus(BatchStatus.STARTED);
        execution.setStartTime(LocalDateTime.now());
        jobRepository.update(execution);
        StepExecution step = execution.createStepExecution("land-pages");
        step.setStatus(BatchStatus.STARTED);
        step.setStartTime(LocalDateTime.now());
        jobRepository.add(step);
        for (int page = 0; page < 2; page++) {
            runs.savePart(
                    runId,
                    store.stagePart(layout, page, records.subList(page * 10, page * 10 + 10)),
                    PageKey.of(IngestionWindow.Kind.BACKFILL, mapper.readTree(records.get(page * 10 + 9))));
        }
        // and a third page that reached S3 but whose transaction never committed
        store.stagePart(layout, 2, records.subList(20, 30));

        assertThat(recovery.recover()).isGreaterThanOrEqualTo(1);
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);

        IngestionRun resumed = ingestions.run(IngestionRequest.backfill(window.from(), window.to(), "api"));

        assertThat(resumed.runId()).isEqualTo(runId);
        assertThat(resumed.status()).as(String.valueOf(resumed.failureReason())).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.recordCount()).isEqualTo(45);
        assertThat(lake.keys(layout.prefix()))
                .containsExactly(
                        layout.manifestKey(),
                        layout.partKey(0),
                        layout.partKey(1),
                        layout.partKey(2),
                        layout.partKey(3),
                        layout.partKey(4));
        assertThat(lake.records(layout.prefix()))
                .containsExactlyElementsOf(records.stream().map(lake::json).toList());
        assertThat(lake.keys(layout.stagingPrefix()))
                .as("staging is cleared once the batch is published")
                .isEmpty();
        assertThat(List.of(soda.requestsFor(0), soda.requestsFor(10), soda.requestsFor(20)))
                .containsExactly(0, 0, 1);
    }
}
