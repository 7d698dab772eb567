package org.nyc311.controller.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.api.pipeline.PipelineRunView.BatchView.Reason;
import org.nyc311.controller.ControllerIntegrationTest;
import org.nyc311.controller.TestQueues;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.testsupport.schemathesis.Schemathesis;
import org.nyc311.testsupport.tokens.TokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.s3.S3Client;

/** From RawBatchLanded to GoldRefreshed through the real queues, database and object store; the job is scripted. */
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = "nyc311.controller.runner=local")
class PipelineFlowIT extends ControllerIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TestConfiguration
    static class Scripted {
        @Bean
        @Primary
        ScriptedJobRunner scriptedJobRunner(S3Client s3) {
            return new ScriptedJobRunner(s3, BUCKET);
        }
    }

    @Autowired
    private ScriptedJobRunner job;

    @Autowired
    private PipelineRunRepository runs;

    @Autowired
    private TestRestTemplate http;

    @LocalServerPort
    private int port;

    private final EventJson json = new EventJson();
    private TestQueues queues;

    @BeforeEach
    void queues() {
        queues = new TestQueues(sqs);
    }

    @Test
    void aLandedBatchEndsInGoldRefreshedCarryingTheRunsResult() {
        RawBatchLanded event = landed("ok-1");

        queues.sendRawBatch(json.write(event));

        PipelineRun run = awaitRunOf("ok-1", RunState.SUCCEEDED);
        GoldRefreshed refreshed = awaitGoldRefreshed(run.id());
        assertThat(refreshed.ingestionRunIds()).containsExactly("ok-1");
        assertThat(refreshed.tableVersions())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("daily_requests", 7L, "daily_series", 7L, "series_catalog", 3L, "daily_features", 5L));
        assertThat(refreshed.rowCounts()).containsEntry("daily_series", 161L).hasSize(4);
        assertThat(refreshed.latestCompleteDate()).isEqualTo(LocalDate.of(2026, 6, 27));
        assertThat(run.goldRefreshedEventId()).isEqualTo(refreshed.eventId());
        assertThat(run.attemptCount()).isEqualTo(1);
        assertThat(run.jobRunId()).isEqualTo("scripted-" + run.id() + "-1");
        assertThat(run.result().newestCreatedAt()).isEqualTo(Instant.parse("2026-06-28T13:05:00Z"));
        assertThat(run.result().silver().duplicates()).isEqualTo(1);

        ResponseEntity<String> view = http.getForEntity("/api/v1/runs/" + run.id(), String.class);
        assertThat(view.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(view.getBody())
                .contains("\"state\":\"SUCCEEDED\"")
                .contains("\"ingestionRunIds\":[\"ok-1\"]")
                .contains("\"batchPrefix\":\"" + event.batchPrefix() + "\"")
                .contains("\"latestCompleteDate\":\"2026-06-27\"");

        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics)
                .contains(
                        "nyc311_pipeline_runs_total{application=\"pipeline-controller\",outcome=\"succeeded\",runner=\"scripted\"}")
                .contains(
                        "nyc311_pipeline_run_duration_seconds_count{application=\"pipeline-controller\",outcome=\"succeeded\",runner=\"scripted\"}")
                .contains("nyc311_pipeline_data_freshness_seconds{application=\"pipeline-controller\"}")
                .contains("nyc311_pipeline_queue_lag_seconds_count{application=\"pipeline-controller\"}");
    }

    @Test
    void theSameEventDeliveredTwiceRunsOnce() {
        RawBatchLanded event = landed("dup-1");

        queues.sendRawBatch(json.write(event));
        queues.sendRawBatch(json.write(event));

        PipelineRun run = awaitRunOf("dup-1", RunState.SUCCEEDED);
        await().atMost(PATIENCE).until(queues::rawQueueDrained);
        assertThat(job.requestsCovering("dup-1")).hasSize(1);
        assertThat(runsCovering("dup-1")).extracting(PipelineRun::id).containsExactly(run.id());
        assertThat(run.batches()).hasSize(1);
        assertThat(awaitGoldRefreshed(run.id())).isNotNull();
        assertThat(queues.goldRefreshed().stream()
                        .filter(e -> e.ingestionRunIds().contains("dup-1")))
                .hasSize(1);
    }

    @Test
    void poisonMessagesGoToTheDeadLetterQueueAndRunNothing() {
        String notJson = "{this is not an event";
        String tooNew = json.write(landed("poison-1")).replace("\"schemaVersion\":1", "\"schemaVersion\":99");
        assertThat(tooNew).contains("\"schemaVersion\":99");

        queues.sendRawBatch(notJson);
        queues.sendRawBatch(tooNew);

        await().atMost(Duration.ofSeconds(60)).until(() -> queues.deadLetters().containsAll(List.of(notJson, tooNew)));
        assertThat(job.requestsCovering("poison-1")).isEmpty();
        assertThat(runs.batchesOfIngestionRuns(List.of("poison-1"))).isEmpty();
    }

    @Test
    void aFailingRunIsRetriedThenFailedAndPublishesNothing() {
        queues.sendRawBatch(json.write(landed("fail-1")));

        PipelineRun run = awaitRunOf("fail-1", RunState.FAILED);

        assertThat(run.attemptCount()).isEqualTo(3);
        assertThat(run.error()).isEqualTo("scripted failure of attempt 3");
        assertThat(run.finishedAt()).isNotNull();
        assertThat(run.goldRefreshedEventId()).isNull();
        assertThat(job.requestsCovering("fail-1")).extracting(r -> r.attempt()).containsExactly(1, 2, 3);
        assertThat(queues.goldRefreshedFor(run.id().toString())).isEmpty();
        String failures = http.getForObject("/api/v1/runs?state=FAILED", String.class);
        assertThat(failures).contains(run.id().toString()).contains("scripted failure of attempt 3");
        assertThat(http.getForObject("/actuator/prometheus", String.class))
                .contains(
                        "nyc311_pipeline_runs_total{application=\"pipeline-controller\",outcome=\"failed\",runner=\"scripted\"}");
    }

    @Test
    void aRunWhoseFeedWentWrongRaisesDataQualityAlertsAndStillSucceeds() {
        queues.sendRawBatch(json.write(landed("badfeed-1")));

        PipelineRun run = awaitRunOf("badfeed-1", RunState.SUCCEEDED);
        awaitGoldRefreshed(run.id());

        ResponseEntity<String> alerts = http.getForEntity("/api/v1/data-quality-alerts?limit=50", String.class);
        assertThat(alerts.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(alerts.getBody())
                .contains("\"kind\":\"QUARANTINE_SURGE\",\"subject\":\"" + run.id() + "\"")
                .contains("\"kind\":\"MISSING_DAY\",\"subject\":\"2026-06-27\",\"day\":\"2026-06-27\"")
                .contains("\"pipelineRunId\":\"" + run.id() + "\"");
        assertThat(http.getForEntity("/api/v1/data-quality-alerts?limit=0", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForObject("/actuator/prometheus", String.class))
                .contains("nyc311_pipeline_data_quality_alerts_total{application=\"pipeline-controller\","
                        + "kind=\"QUARANTINE_SURGE\"} 1.0");
    }

    @Test
    void aJobThatReportsSuccessWithoutAResultFailsTheRun() {
        queues.sendRawBatch(json.write(landed("noresult-1")));

        PipelineRun run = awaitRunOf("noresult-1", RunState.FAILED);

        assertThat(run.attemptCount()).isEqualTo(3);
        assertThat(run.error())
                .contains("the job reported success but wrote no s3://" + BUCKET + "/_pipeline_runs/" + run.id()
                        + "/result.json");
        assertThat(queues.goldRefreshedFor(run.id().toString())).isEmpty();
    }

    @Test
    void batchesLandingWhileARunIsGoingAreCoalescedIntoTheNextRun() {
        queues.sendRawBatch(json.write(landed("slow-1")));
        PipelineRun first = awaitRunOf("slow-1", RunState.RUNNING);
        await().atMost(PATIENCE).until(() -> job.requestsCovering("slow-1").size() == 1);

        queues.sendRawBatch(json.write(landed("co-a")));
        queues.sendRawBatch(json.write(landed("co-b")));
        await().atMost(PATIENCE)
                .until(() ->
                        runsCovering("co-a").size() == 1 && runsCovering("co-b").size() == 1);
        job.release();

        PipelineRun next = awaitRunOf("co-a", RunState.SUCCEEDED);
        assertThat(next.id()).isNotEqualTo(first.id());
        assertThat(next.ingestionRunIds()).containsExactly("co-a", "co-b");
        assertThat(awaitGoldRefreshed(next.id()).ingestionRunIds()).containsExactly("co-a", "co-b");
        assertThat(awaitRunOf("slow-1", RunState.SUCCEEDED).ingestionRunIds()).containsExactly("slow-1");
    }

    @Test
    void postRunsRunsABatchAgain() {
        queues.sendRawBatch(json.write(landed("again-1")));
        PipelineRun first = awaitRunOf("again-1", RunState.SUCCEEDED);

        ResponseEntity<String> accepted =
                http.postForEntity("/api/v1/runs", Map.of("ingestionRunIds", List.of("again-1")), String.class);

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        UUID rerunId =
                UUID.fromString(accepted.getHeaders().getLocation().getPath().replace("/api/v1/runs/", ""));
        assertThat(rerunId).isNotEqualTo(first.id());
        await().atMost(PATIENCE).until(() -> runs.find(rerunId).orElseThrow().state() == RunState.SUCCEEDED);
        PipelineRun rerun = runs.find(rerunId).orElseThrow();
        assertThat(rerun.batches()).extracting(Batch::reason).containsExactly(Reason.RERUN);
        assertThat(rerun.batches())
                .extracting(Batch::eventId)
                .containsExactlyElementsOf(
                        first.batches().stream().map(Batch::eventId).toList());
        assertThat(awaitGoldRefreshed(rerunId).ingestionRunIds()).containsExactly("again-1");
        assertThat(job.requestsCovering("again-1")).hasSize(2);
    }

    @Test
    void postRunsRecordsAndRunsAnEventThatNeverGotThroughTheQueue() {
        String fromTheDeadLetterQueue = json.write(landed("dlq-1"));

        ResponseEntity<String> accepted = post("{\"events\": [" + fromTheDeadLetterQueue + "]}");

        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        PipelineRun run = awaitRunOf("dlq-1", RunState.SUCCEEDED);
        assertThat(accepted.getHeaders().getLocation().getPath()).isEqualTo("/api/v1/runs/" + run.id());
        assertThat(run.batches()).extracting(Batch::reason).containsExactly(Reason.LANDED);
        assertThat(awaitGoldRefreshed(run.id()).ingestionRunIds()).containsExactly("dlq-1");
    }

    @Test
    void badRequestsAreProblemDetails() {
        ResponseEntity<String> empty = post("{\"ingestionRunIds\": []}");
        ResponseEntity<String> unknown = post("{\"ingestionRunIds\": [\"never-landed\"]}");
        ResponseEntity<String> malformed = post("{\"ingestionRunIds\": ");
        ResponseEntity<String> notAnEvent = post("{\"events\": [{\"type\": \"GoldRefreshed\"}]}");
        ResponseEntity<String> badId = http.getForEntity("/api/v1/runs/not-a-uuid", String.class);
        ResponseEntity<String> badState = http.getForEntity("/api/v1/runs?state=BOGUS", String.class);
        ResponseEntity<String> badLimit = http.getForEntity("/api/v1/runs?limit=0", String.class);
        ResponseEntity<String> missing = http.getForEntity("/api/v1/runs/" + UUID.randomUUID(), String.class);

        for (ResponseEntity<String> response :
                List.of(empty, unknown, malformed, notAnEvent, badId, badState, badLimit)) {
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(unknown.getBody()).contains("no batch was recorded for ingestion run(s) never-landed");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /**
     * An outside client (Schemathesis) fuzzes every operation of the document this service publishes, and
     * every check must pass: no 5xx, every status and response as documented, invalid data refused and valid
     * data accepted.
     */
    @Test
    void thePublishedContractHoldsUnderSchemathesis(TokenIssuer tokens) throws Exception {
        Schemathesis.Result result = Schemathesis.installed().runOnLocalPort(port, tokens.tokenWithEveryScope());
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    private ResponseEntity<String> post(String body) {
        return http.exchange(
                RequestEntity.post("/api/v1/runs")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body),
                String.class);
    }

    private PipelineRun awaitRunOf(String ingestionRunId, RunState state) {
        await().atMost(PATIENCE)
                .until(() -> runsCovering(ingestionRunId).stream().anyMatch(run -> run.state() == state));
        return runsCovering(ingestionRunId).stream()
                .filter(run -> run.state() == state)
                .findFirst()
                .orElseThrow();
    }

    private List<PipelineRun> runsCovering(String ingestionRunId) {
        return runs.list(null, 500).stream()
                .filter(run -> run.ingestionRunIds().contains(ingestionRunId))
                .toList();
    }

    private GoldRefreshed awaitGoldRefreshed(UUID runId) {
        await().atMost(PATIENCE)
                .until(() -> !queues.goldRefreshedFor(runId.toString()).isEmpty());
        return queues.goldRefreshedFor(runId.toString()).get(0);
    }

    private static RawBatchLanded landed(String ingestionRunId) {
        return TestQueues.rawBatchLanded(ingestionRunId);
    }
}
