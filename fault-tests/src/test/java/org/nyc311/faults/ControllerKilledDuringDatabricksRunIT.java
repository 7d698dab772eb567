package org.nyc311.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.controller.job.databricks.JobsApiAnswers;
import org.nyc311.faults.support.Polling;
import org.nyc311.faults.support.ServiceJvm;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.testsupport.events.LandedBatches;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.s3.S3Server;
import org.nyc311.testsupport.s3.S3ServerExtension;
import org.nyc311.testsupport.sqs.SqsServer;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Fault 6: pipeline-controller dies (kill -9), or is stopped by a deploy (SIGTERM), after it has
 * started a Databricks run and while that run is still going ({@code max_concurrent_runs: 1}).
 *
 * <p>The controller runs as its jar in a child JVM with the Databricks runner pointed at a WireMock
 * stub of the Jobs 2.2 API, started by this test so that it outlives the controller: {@code runs/get}
 * answers RUNNING until the test finishes the "job" (writes its result.json in the lake, in the shape
 * delta-jobs' {@code RunResult} writes, and flips the stub to TERMINATED/SUCCESS). The restarted
 * controller must resume polling the same run id, issue no second {@code run-now}, publish one
 * GoldRefreshed and end the run SUCCEEDED after its one attempt.
 */
@ExtendWith({
    PostgresServerExtension.class,
    SqsServerExtension.class,
    S3ServerExtension.class,
    TokenIssuerExtension.class
})
class ControllerKilledDuringDatabricksRunIT {

    private static final String BUCKET = "nyc311-lake";
    private static final long JOB_ID = 731_254_998_112_034L;
    private static final long DATABRICKS_RUN_ID = 455_644_833L;
    private static final JobsApiAnswers DATABRICKS_RUN = new JobsApiAnswers(JOB_ID, DATABRICKS_RUN_ID, null);
    private static final String RUN_NOW = "/api/2.2/jobs/run-now";
    private static final String RUNS_GET = "/api/2.2/jobs/runs/get";
    private static final String RUNS_CANCEL = "/api/2.2/jobs/runs/cancel";
    private static final String JOB = "databricks-job";
    private static final String FINISHED = "finished";

    private static PostgresServer postgres;
    private static SqsServer sqs;
    private static S3Server s3;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final EventJson events = new EventJson();
    private WireMockServer databricks;
    private ServiceJvm controller;
    private Path logs;

    @BeforeAll
    static void servers(PostgresServer postgresServer, SqsServer sqsServer, S3Server s3Server) {
        postgres = postgresServer;
        sqs = sqsServer;
        s3 = s3Server;
        s3.createBucket(BUCKET);
    }

    @BeforeEach
    void databricksStub(TestInfo test) throws Exception {
        logs = Files.createDirectories(Path.of(
                "target",
                "fault-logs",
                getClass().getSimpleName(),
                test.getTestMethod().orElseThrow().getName()));
        databricks =
                new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        databricks.start();
        // the SDK probes for OAuth endpoints before it settles on the token; a workspace without them answers 404
        databricks.stubFor(get(urlPathEqualTo("/oidc/.well-known/oauth-authorization-server"))
                .willReturn(aResponse().withStatus(404)));
        databricks.stubFor(post(urlPathEqualTo(RUN_NOW))
                .willReturn(okJson(
                        "{\"run_id\": " + DATABRICKS_RUN_ID + ", \"number_in_job\": " + DATABRICKS_RUN_ID + "}")));
        databricks.stubFor(post(urlPathEqualTo(RUNS_CANCEL)).willReturn(okJson("{}")));
        // the job runs until the test says it is done
        databricks.stubFor(get(urlPathEqualTo(RUNS_GET))
                .inScenario(JOB)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(DATABRICKS_RUN.runsGet("RUNNING", null, "In run", "RUNNING", null))));
        databricks.stubFor(get(urlPathEqualTo(RUNS_GET))
                .inScenario(JOB)
                .whenScenarioStateIs(FINISHED)
                .willReturn(okJson(DATABRICKS_RUN.runsGet(
                        "TERMINATED",
                        "SUCCESS",
                        "",
                        "TERMINATED",
                        "{\"code\": \"SUCCESS\", \"type\": \"SUCCESS\", \"message\": \"\"}"))));
        purge(EventQueue.RAW_BATCH_LANDED.queueName(), EventQueue.GOLD_REFRESHED.queueName());
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        databricks.stop();
    }

    @Test
    void killedAfterRunNowTheRestartedControllerResumesTheSameDatabricksRun() throws Exception {
        Started started = startAndLand("pc_fault_killed");

        controller.kill();
        Instant killedAt = Instant.now();
        int pollsBefore = runsGetRequests().size();
        assertThat(runNowRequests()).as("run-now before the kill").hasSize(1);

        controller.restart().awaitReady(Duration.ofSeconds(120));
        Instant restartedAt = Instant.now();
        await(
                "the restarted controller polls Databricks again",
                Duration.ofSeconds(60),
                () -> runsGetRequests().size() > pollsBefore + 1);
        assertThat(run(started.runId()).path("state").asText())
                .as("still going")
                .isEqualTo("RUNNING");

        finishTheJob(started.runId());
        JsonNode run = awaitSucceeded(started.runId());

        Figures figures = figures("controller killed during Databricks run", started, run, pollsBefore);
        assertThat(figures.runNow())
                .as("run-now requests in the stub's journal")
                .isEqualTo(1);
        assertThat(figures.polledRunIds())
                .as("every runs/get asked for the one run")
                .containsExactly(Long.toString(DATABRICKS_RUN_ID));
        assertThat(figures.pollsAfterRestart())
                .as("polling resumed after the restart (restarted at " + restartedAt + ", killed at " + killedAt + ")")
                .isPositive();
        assertThat(figures.cancels()).isZero();
        assertThat(figures.goldRefreshed()).hasSize(1);
        assertThat(figures.attempts()).as("one attempt: the restart resumed it").isEqualTo(1);
        assertTheBatch(started, run, figures.goldRefreshed().get(0));
        assertThat(controller.log()).content().contains("resuming the poll of Databricks run " + DATABRICKS_RUN_ID);
    }

    @Test
    void stoppedByADeployTheControllerLeavesTheDatabricksRunGoingAndResumesIt() throws Exception {
        Started started = startAndLand("pc_fault_stopped");

        // SIGTERM, as ECS sends on a deploy: a graceful stop that detaches from the run instead of cancelling it
        controller.close();
        int pollsBefore = runsGetRequests().size();
        assertThat(cancelRequests())
                .as("a graceful stop does not cancel the Databricks run")
                .isEmpty();
        assertThat(controller.log()).content().contains("left running, to be resumed at the next start");

        controller.restart().awaitReady(Duration.ofSeconds(120));
        await(
                "the restarted controller polls Databricks again",
                Duration.ofSeconds(60),
                () -> runsGetRequests().size() > pollsBefore + 1);

        finishTheJob(started.runId());
        JsonNode run = awaitSucceeded(started.runId());

        Figures figures = figures("controller stopped (SIGTERM) during Databricks run", started, run, pollsBefore);
        assertThat(figures.runNow()).isEqualTo(1);
        assertThat(figures.polledRunIds()).containsExactly(Long.toString(DATABRICKS_RUN_ID));
        assertThat(figures.pollsAfterRestart()).isPositive();
        assertThat(figures.cancels()).isZero();
        assertThat(figures.goldRefreshed()).hasSize(1);
        assertThat(figures.attempts()).isEqualTo(1);
        assertTheBatch(started, run, figures.goldRefreshed().get(0));
    }

    @Test
    void wokenWithABatchWaitingTheControllerRunsItOnce() throws Exception {
        // the batch lands while no controller runs (dev asleep outside its hours, docs/RELIABILITY.md), then it starts
        Started started = startAndLand("pc_fault_woken", true);

        finishTheJob(started.runId());
        JsonNode run = awaitSucceeded(started.runId());

        Figures figures = figures("controller started with the batch waiting in its queue", started, run, 0);
        assertThat(figures.runNow()).as("one run-now for the waiting batch").isEqualTo(1);
        assertThat(figures.polledRunIds()).containsExactly(Long.toString(DATABRICKS_RUN_ID));
        assertThat(figures.cancels()).isZero();
        assertThat(figures.goldRefreshed()).hasSize(1);
        assertThat(figures.attempts()).isEqualTo(1);
        assertTheBatch(started, run, figures.goldRefreshed().get(0));
        assertThat(getJson("/api/v1/runs"))
                .as("one pipeline run for the one batch")
                .hasSize(1);
    }

    private record Started(UUID runId, RawBatchLanded batch) {}

    private record Figures(
            int runNow,
            List<String> polledRunIds,
            int polls,
            int pollsAfterRestart,
            int cancels,
            List<GoldRefreshed> goldRefreshed,
            int attempts,
            String state) {}

    /** Starts the controller on its own database, lands one batch and waits until its Databricks run is recorded. */
    private Started startAndLand(String database) throws Exception {
        return startAndLand(database, false);
    }

    /**
     * The same, with the batch landed before the controller starts when {@code batchWaiting}: the controller is woken
     * (dev's hours, a scaled-in worker) with its queue's message already there.
     */
    private Started startAndLand(String database, boolean batchWaiting) throws Exception {
        postgres.createDatabase(database);
        String ingestionRunId = "fault6-" + UUID.randomUUID().toString().substring(0, 8);
        RawBatchLanded batch = rawBatchLanded(ingestionRunId);
        if (batchWaiting) {
            sqs.send(EventQueue.RAW_BATCH_LANDED.queueName(), events.write(batch));
        }
        controller = ServiceJvm.start("pipeline-controller", properties(database), logs)
                .awaitReady(Duration.ofSeconds(120));
        if (!batchWaiting) {
            sqs.send(EventQueue.RAW_BATCH_LANDED.queueName(), events.write(batch));
        }
        // run-now answered and its run id recorded: the point after which a second run-now would run the job twice
        JsonNode running = await("the Databricks run is recorded", Duration.ofSeconds(60), () -> {
            for (JsonNode run : getJson("/api/v1/runs?state=RUNNING")) {
                if (Long.toString(DATABRICKS_RUN_ID).equals(run.path("jobRunId").asText())) {
                    return run;
                }
            }
            return null;
        });
        await(
                "the controller polls the run",
                Duration.ofSeconds(30),
                () -> !runsGetRequests().isEmpty());
        return new Started(UUID.fromString(running.path("id").asText()), batch);
    }

    private Map<String, String> properties(String database) {
        Map<String, String> properties = new TreeMap<>();
        properties.putAll(postgres.springProperties(database));
        properties.putAll(s3.springProperties());
        properties.putAll(sqs.springProperties());
        properties.put("spring.cloud.aws.sqs.listener.poll-timeout", "1s");
        properties.put("nyc311.lake.bucket", BUCKET);
        properties.put("nyc311.controller.poll-interval", "500ms");
        properties.put("nyc311.controller.runner", "databricks");
        properties.put("nyc311.controller.databricks.host", "http://127.0.0.1:" + databricks.port());
        properties.put("nyc311.controller.databricks.token", "dapi-fault-test-token");
        properties.put("nyc311.controller.databricks.job-id", Long.toString(JOB_ID));
        properties.put("nyc311.controller.databricks.poll-initial", "200ms");
        properties.put("nyc311.controller.databricks.poll-max", "500ms");
        properties.put("nyc311.controller.databricks.timeout", "10m");
        return properties;
    }

    /** The job ends: its result.json is in the lake (as delta-jobs' RunResult writes it), then runs/get says SUCCESS. */
    private void finishTheJob(UUID pipelineRunId) {
        String result = """
                {
                  "runId" : "%s",
                  "tableVersions" : { "daily_series" : 12, "daily_requests" : 12, "series_catalog" : 12, "daily_features" : 12 },
                  "latestCompleteDate" : "2026-06-27",
                  "newestCreatedAt" : "2026-06-28T09:00:00Z",
                  "rowCounts" : { "daily_series" : 5, "daily_requests" : 2 },
                  "silver" : { "recordsIn" : 11, "inserted" : 11, "updated" : 0, "duplicates" : 0, "quarantined" : 0,
                               "touchedDates" : [ "2026-06-27", "2026-06-28" ] }
                }
                """.formatted(pipelineRunId);
        try (var client = s3.client()) {
            client.putObject(
                    r -> r.bucket(BUCKET).key("_pipeline_runs/" + pipelineRunId + "/result.json"),
                    RequestBody.fromString(result));
        }
        databricks.setScenarioState(JOB, FINISHED);
    }

    private JsonNode awaitSucceeded(UUID runId) {
        return await("the run ends SUCCEEDED", Duration.ofSeconds(60), () -> {
            JsonNode run = run(runId);
            assertThat(run.path("state").asText()).as(run.toString()).isNotEqualTo("FAILED");
            return "SUCCEEDED".equals(run.path("state").asText()) ? run : null;
        });
    }

    private Figures figures(String fault, Started started, JsonNode run, int pollsBeforeRestart) {
        // GoldRefreshed: wait for the first, then a little longer, so that a second one would be seen too
        List<GoldRefreshed> received =
                new ArrayList<>(await("GoldRefreshed on its queue", Duration.ofSeconds(30), () -> {
                    List<GoldRefreshed> some = receiveGoldRefreshed();
                    return some.isEmpty() ? null : some;
                }));
        ServiceJvm.sleep(Duration.ofSeconds(3));
        received.addAll(receiveGoldRefreshed());
        List<LoggedRequest> polls = runsGetRequests();
        List<String> polledRunIds = polls.stream()
                .map(r -> r.queryParameter("run_id").firstValue())
                .distinct()
                .toList();
        int pollsAfterRestart = polls.size() - pollsBeforeRestart;
        Figures figures = new Figures(
                runNowRequests().size(),
                polledRunIds,
                polls.size(),
                pollsAfterRestart,
                cancelRequests().size(),
                received,
                run.path("attempts").asInt(),
                run.path("state").asText());
        System.out.printf(
                Locale.ROOT,
                "figures [%s]: run-now=%d runs/get=%d (after restart %d) run ids polled=%s cancels=%d "
                        + "GoldRefreshed=%d attempts=%d state=%s batch records=%d%n",
                fault,
                figures.runNow(),
                figures.polls(),
                figures.pollsAfterRestart(),
                figures.polledRunIds(),
                figures.cancels(),
                figures.goldRefreshed().size(),
                figures.attempts(),
                figures.state(),
                started.batch().recordCount());
        return figures;
    }

    /** The batch the fault is about: the run covers it once, and the one GoldRefreshed names it and the job's result. */
    private static void assertTheBatch(Started started, JsonNode run, GoldRefreshed event) {
        List<String> ingestionRunIds = new ArrayList<>();
        run.path("ingestionRunIds").forEach(id -> ingestionRunIds.add(id.asText()));
        assertThat(ingestionRunIds).containsExactly(started.batch().ingestionRunId());
        assertThat(run.path("batches")).hasSize(1);
        assertThat(run.path("batches").get(0).path("recordCount").asLong())
                .isEqualTo(started.batch().recordCount());
        assertThat(event.pipelineRunId()).isEqualTo(started.runId().toString());
        assertThat(event.ingestionRunIds()).containsExactly(started.batch().ingestionRunId());
        assertThat(event.tableVersions()).containsEntry("daily_series", 12L);
        assertThat(event.latestCompleteDate()).isEqualTo(LocalDate.of(2026, 6, 27));
        assertThat(run.path("goldRefreshedEventId").asText())
                .isEqualTo(event.eventId().toString());
    }

    private List<LoggedRequest> runNowRequests() {
        return databricks.findAll(postRequestedFor(urlPathEqualTo(RUN_NOW)));
    }

    private List<LoggedRequest> runsGetRequests() {
        return databricks.findAll(getRequestedFor(urlPathEqualTo(RUNS_GET)));
    }

    private List<LoggedRequest> cancelRequests() {
        return databricks.findAll(postRequestedFor(urlPathEqualTo(RUNS_CANCEL)));
    }

    private JsonNode run(UUID runId) {
        return getJson("/api/v1/runs/" + runId);
    }

    private JsonNode getJson(String path) {
        try {
            HttpResponse<String> response = http.send(
                    controller.request(path).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<GoldRefreshed> receiveGoldRefreshed() {
        List<GoldRefreshed> received = new ArrayList<>();
        for (String body : sqs.takeAll(EventQueue.GOLD_REFRESHED.queueName())) {
            received.add(events.read(body, GoldRefreshed.class));
        }
        return received;
    }

    private static void purge(String... queues) {
        sqs.purge(queues);
    }

    /** The event ingest-service sends for a batch of 11 records landed by this ingestion run. */
    private static RawBatchLanded rawBatchLanded(String ingestionRunId) {
        return LandedBatches.incremental(ingestionRunId, BUCKET, 11);
    }

    /** Polls until {@code probe} gives a value that is not null or false; fails with what was awaited. */
    private static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        return Polling.await(what, timeout, Duration.ofMillis(250), probe);
    }
}
