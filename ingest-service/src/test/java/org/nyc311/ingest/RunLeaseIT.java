package org.nyc311.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.ingest.landing.BatchLayout;
import org.nyc311.ingest.landing.LandedPart;
import org.nyc311.ingest.landing.StagedPart;
import org.nyc311.ingest.run.IngestionRequest;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.ingest.run.IngestionRunRepository;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.run.RunConflictException;
import org.nyc311.ingest.run.RunStatus;
import org.nyc311.ingest.run.StaleRunRecovery;
import org.nyc311.model.ingest.IngestionWindow;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Another process's run is left alone while its lease holds, and taken over once it has expired; a run
 * from before page keys is not resumed.
 */
class RunLeaseIT extends IngestIntegrationTest {

    @Autowired
    private IngestionService ingestions;

    @Autowired
    private IngestionRunRepository runs;

    @Autowired
    private StaleRunRecovery recovery;

    private final SodaStub soda = new SodaStub(SODA);

    @Test
    void aRunWhoseLeaseHoldsIsNotFailedAndItsWindowIsRefusedUntilTheLeaseExpires() throws Exception {
        soda.servePages(SodaStub.records(7, 11_000_000, false), 10);
        IngestionWindow window = Backfills.window(YearMonth.of(2018, 5));
        String runId = UUID.randomUUID().toString();
        BatchLayout layout = new BatchLayout(LocalDate.of(2026, 11, 30), runId);
        runs.insertRunning(StartedRuns.apiRun(window, layout), "another-live-process", Duration.ofSeconds(2));

        recovery.recover();

        assertThat(runs.find(runId).orElseThrow().status())
                .as("another process's live run")
                .isEqualTo(RunStatus.RUNNING);
        assertThatThrownBy(() -> ingestions.run(IngestionRequest.backfill(window.from(), window.to(), "api")))
                .isInstanceOf(RunConflictException.class)
                .hasMessageContaining(runId);

        Thread.sleep(2_500);
        IngestionRun takenOver = ingestions.run(IngestionRequest.backfill(window.from(), window.to(), "api"));

        assertThat(takenOver.runId()).as("the same run, resumed here").isEqualTo(runId);
        assertThat(takenOver.status())
                .as(String.valueOf(takenOver.failureReason()))
                .isEqualTo(RunStatus.COMPLETED);
        assertThat(takenOver.recordCount()).isEqualTo(7);
    }

    @Test
    void aFailedRunLandedByOffsetPagingIsNotResumedButReadAgainByANewRun() {
        soda.servePages(SodaStub.records(4, 12_000_000, false), 10);
        IngestionWindow window = Backfills.window(YearMonth.of(2017, 5));
        String runId = UUID.randomUUID().toString();
        BatchLayout layout = new BatchLayout(LocalDate.of(2026, 11, 29), runId);
        runs.insertRunning(StartedRuns.apiRun(window, layout), "an-older-version", Duration.ofMinutes(1));
        // what the older version stored: a part at its final key, no staged key, no page key
        runs.savePart(runId, new StagedPart(new LandedPart(0, layout.partKey(0), 10, 100, "0".repeat(64)), null), null);
        runs.markFailed(runId, "stopped before the upgrade", "an-older-version");

        IngestionRun next = ingestions.run(IngestionRequest.backfill(window.from(), window.to(), "api"));

        assertThat(next.runId()).as("a new run").isNotEqualTo(runId);
        assertThat(next.status()).as(String.valueOf(next.failureReason())).isEqualTo(RunStatus.COMPLETED);
        assertThat(next.recordCount()).isEqualTo(4);
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    }
}
