package org.nyc311.controller.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.api.pipeline.PipelineRunApi;
import org.nyc311.api.pipeline.PipelineRunView;
import org.nyc311.api.pipeline.PipelineRunView.BatchView.Reason;
import org.nyc311.api.pipeline.RerunRequest;
import org.nyc311.controller.run.Batch;
import org.nyc311.controller.run.PipelineRun;
import org.nyc311.controller.run.PipelineRunRepository;
import org.nyc311.controller.run.RunCoordinator;
import org.nyc311.controller.run.RunState;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.model.ingest.IngestionWindow;
import org.nyc311.model.pipeline.RunResult;
import org.nyc311.service.web.ApiProblemsAutoConfiguration;
import org.nyc311.testsupport.spring.HttpInterfaceClientExtension;
import org.nyc311.testsupport.spring.ServletWebSlice;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The contract on a real socket: pipeline-controller's runs controller and problem handler, with the store
 * and the coordinator behind them replaced, on a real server on a random port, called through an HTTP
 * interface client of {@link PipelineRunApi} as the dashboard and {@code ./nyc311 up} call it. What the
 * controller writes is what the client reads, field for field and null for null; the checks stated on the
 * contract (limit, a rerun naming a batch) are the server's 400s.
 */
@ExtendWith(HttpInterfaceClientExtension.class)
@SpringBootTest(
        classes = PipelineRunApiContractTest.WebSlice.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PipelineRunApiContractTest {

    /** Only the web layer: the controller and this service's problem handler on a real server. */
    // a plain @Configuration: a @SpringBootConfiguration here would be the one the package's @WebMvcTest slices find
    @Configuration(proxyBeanMethods = false)
    @ServletWebSlice
    @ImportAutoConfiguration({ApiProblemsAutoConfiguration.class, ValidationAutoConfiguration.class})
    @Import({RunsController.class, ApiExceptionHandler.class})
    static class WebSlice {

        @Bean
        EventJson eventJson() {
            return new EventJson();
        }
    }

    private static final UUID RUN = UUID.fromString("0bef629c-828c-4cc1-86db-7f1e070fb1cb");
    private static final UUID EVENT = UUID.fromString("5d3c2b1a-0f9e-4d8c-b7a6-958473625140");
    private static final UUID GOLD_EVENT = UUID.fromString("c8637cf8-dc70-49ba-877c-0baec15ac838");
    private static final Instant CREATED = Instant.parse("2026-06-01T07:00:00Z");

    @MockitoBean
    private PipelineRunRepository runs;

    @MockitoBean
    private RunCoordinator coordinator;

    @Test
    void aSucceededRunReadsWithItsBatchesAndResultAndTheStateFilterArrives(PipelineRunApi api) {
        PipelineRun succeeded = new PipelineRun(
                RUN,
                RunState.SUCCEEDED,
                CREATED,
                CREATED.plusSeconds(5),
                CREATED.plusSeconds(65),
                2,
                null,
                "local-17.log",
                "attempt 1: executor lost",
                new RunResult(
                        "job-9",
                        Map.of("gold.daily_counts", 12L),
                        LocalDate.of(2026, 5, 31),
                        Instant.parse("2026-06-01T03:59:00Z"),
                        Map.of("silver.requests", 4200L),
                        new RunResult.Silver(4200, 4000, 150, 50, 7, List.of()),
                        null),
                GOLD_EVENT,
                List.of(batch(Reason.LANDED)));
        when(runs.list(RunState.SUCCEEDED, 20)).thenReturn(List.of(succeeded));

        List<PipelineRunView> read = api.recent(PipelineRunView.State.SUCCEEDED, 20);

        assertThat(read)
                .containsExactly(new PipelineRunView(
                        RUN,
                        PipelineRunView.State.SUCCEEDED,
                        CREATED,
                        CREATED.plusSeconds(5),
                        CREATED.plusSeconds(65),
                        2,
                        null,
                        "local-17.log",
                        "attempt 1: executor lost",
                        List.of("r-1"),
                        List.of(new PipelineRunView.BatchView(
                                EVENT,
                                "r-1",
                                "nyc311-lake",
                                "raw/2026-06-01/r-1/",
                                4200,
                                CREATED.minusSeconds(60),
                                CREATED,
                                Reason.LANDED)),
                        new PipelineRunView.ResultView(
                                "job-9",
                                Map.of("gold.daily_counts", 12L),
                                LocalDate.of(2026, 5, 31),
                                Instant.parse("2026-06-01T03:59:00Z"),
                                Map.of("silver.requests", 4200L),
                                new PipelineRunView.Silver(4200, 4000, 150, 50, 7)),
                        GOLD_EVENT));
    }

    @Test
    void aWaitingRunReadsWithItsNullsAndAnUnknownOneIsA404(PipelineRunApi api) {
        when(runs.find(RUN)).thenReturn(Optional.of(waiting()));

        assertThat(api.run(RUN))
                .isEqualTo(new PipelineRunView(
                        RUN,
                        PipelineRunView.State.RECEIVED,
                        CREATED,
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        List.of("r-1"),
                        List.of(new PipelineRunView.BatchView(
                                EVENT,
                                "r-1",
                                "nyc311-lake",
                                "raw/2026-06-01/r-1/",
                                4200,
                                CREATED.minusSeconds(60),
                                CREATED,
                                Reason.RERUN)),
                        null,
                        null));
        UUID unknown = UUID.randomUUID();
        when(runs.find(unknown)).thenReturn(Optional.empty());
        assertThatThrownBy(() -> api.run(unknown))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void aRerunByIngestionRunIsAcceptedWithItsLocation(PipelineRunApi api) {
        when(coordinator.rerun(List.of("r-1"))).thenReturn(waiting());

        ResponseEntity<PipelineRunView> accepted = api.rerun(new RerunRequest(List.of("r-1"), null));

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(accepted.getHeaders().getLocation()).isEqualTo(URI.create("/api/v1/runs/" + RUN));
        assertThat(accepted.getBody().id()).isEqualTo(RUN);
        assertThat(accepted.getBody().state()).isEqualTo(PipelineRunView.State.RECEIVED);
    }

    @Test
    void aPostedEventTravelsAsJsonAndIsRecordedAsIfItHadArrived(PipelineRunApi api) throws Exception {
        RawBatchLanded event = new RawBatchLanded(
                EVENT,
                1,
                CREATED.minusSeconds(60),
                "r-1",
                "nyc311-lake",
                "raw/2026-06-01/r-1/",
                "raw/2026-06-01/r-1/_manifest.json",
                new IngestionWindow(
                        IngestionWindow.Kind.BACKFILL,
                        LocalDateTime.parse("2026-05-01T00:00:00"),
                        LocalDateTime.parse("2026-05-31T23:59:59")),
                LocalDate.of(2026, 6, 1),
                4200,
                3);
        JsonNode posted = new ObjectMapper().readTree(new EventJson().write(event));
        when(coordinator.landed(event)).thenReturn(Optional.of(RUN));
        when(runs.find(RUN)).thenReturn(Optional.of(waiting()));

        assertThat(api.rerun(new RerunRequest(null, List.of(posted))).getBody().id())
                .isEqualTo(RUN);
        verify(coordinator).landed(event);
    }

    @Test
    void theChecksStatedOnTheContractAreTheServersBadRequests(PipelineRunApi api) {
        assertThatThrownBy(() -> api.recent(null, 0))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThatThrownBy(() -> api.recent(null, 501))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThatThrownBy(() -> api.rerun(new RerunRequest(null, null)))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
        verifyNoInteractions(runs, coordinator);
    }

    /** A batch's reason is the contract's own enum; a run's state is the service's, with the same words. */
    @Test
    void everyStateIsAWordOfTheContract() {
        assertThat(java.util.Arrays.stream(RunState.values()).map(Enum::name))
                .containsExactly(java.util.Arrays.stream(PipelineRunView.State.values())
                        .map(Enum::name)
                        .toArray(String[]::new));
    }

    /** Received, not started: no attempt yet, so nothing of one (start, end, job run, error, result, event). */
    private static PipelineRun waiting() {
        List<Batch> rerun = List.of(batch(Reason.RERUN));
        return new PipelineRun(RUN, RunState.RECEIVED, CREATED, null, null, 0, null, null, null, null, null, rerun);
    }

    private static Batch batch(Reason reason) {
        return new Batch(
                EVENT,
                "r-1",
                "nyc311-lake",
                "raw/2026-06-01/r-1/",
                "raw/2026-06-01/r-1/_manifest.json",
                4200,
                3,
                CREATED.minusSeconds(60),
                CREATED,
                reason);
    }
}
