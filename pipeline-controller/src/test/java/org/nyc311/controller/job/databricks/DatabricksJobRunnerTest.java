package org.nyc311.controller.job.databricks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.controller.job.JobOutcome;
import org.nyc311.controller.job.JobRequest;

/** The Databricks runner against a stub of the Jobs 2.2 API answering in its real shapes. */
class DatabricksJobRunnerTest {

    private static final long JOB_ID = 731_254_998_112_034L;
    private static final long RUN_ID = 455_644_833L;
    /** The answers about this run, with its pipeline_run_id parameter. */
    private static final JobsApiAnswers RUN = new JobsApiAnswers(JOB_ID, RUN_ID, "x");
    /** The run's answer to runs/get while its task runs. */
    private static final String RUNNING = RUN.runsGet("RUNNING", null, "In run", "RUNNING", null);
    /** The run's answer to runs/get once it succeeded. */
    private static final String SUCCEEDED =
            RUN.runsGet("TERMINATED", "SUCCESS", "", "TERMINATED", "{\"code\": \"SUCCESS\", \"type\": \"SUCCESS\"}");

    private static final String RUN_NOW = "/api/2.2/jobs/run-now";
    private static final String RUNS_GET = "/api/2.2/jobs/runs/get";
    private static final String RUNS_CANCEL = "/api/2.2/jobs/runs/cancel";

    private WireMockServer databricks;
    private final List<String> started = new ArrayList<>();

    @BeforeEach
    void startStub() {
        databricks =
                new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        databricks.start();
        databricks.stubFor(post(urlPathEqualTo(RUN_NOW))
                .willReturn(okJson("{\"run_id\": " + RUN_ID + ", \"number_in_job\": " + RUN_ID + "}")));
        databricks.stubFor(post(urlPathEqualTo(RUNS_CANCEL)).willReturn(okJson("{}")));
        // the SDK probes for OAuth endpoints before it settles on the token; a workspace without them answers 404
        databricks.stubFor(get(urlPathEqualTo("/oidc/.well-known/oauth-authorization-server"))
                .willReturn(aResponse().withStatus(404)));
    }

    @AfterEach
    void stopStub() {
        databricks.stop();
    }

    @Test
    void aRunThatSucceedsIsPolledUntilItTerminates() throws Exception {
        runGetGoesThrough(
                RUN.runsGet("PENDING", null, "Waiting for cluster", "PENDING", null),
                RUNNING,
                RUN.runsGet(
                        "TERMINATED",
                        "SUCCESS",
                        "",
                        "TERMINATED",
                        "{\"code\": \"SUCCESS\", \"type\": \"SUCCESS\", \"message\": \"\"}"));
        JobRequest request = request();

        JobOutcome outcome = runner(Duration.ofMinutes(1)).run(request, started::add);

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.jobRunId()).isEqualTo(Long.toString(RUN_ID));
        assertThat(started).containsExactly(Long.toString(RUN_ID));
        databricks.verify(postRequestedFor(urlPathEqualTo(RUN_NOW))
                .withHeader("Authorization", equalTo("Bearer dapi-test-token"))
                .withRequestBody(equalToJson("""
                        {"job_id": %d,
                         "idempotency_token": "%s-1",
                         "job_parameters": {"run_id": "%s", "lake_root": "s3://nyc311-lake",
                                            "ingestion_run_ids": "ing-a,ing-b",
                                            "batch_prefixes": "raw/nyc311/ingestion_date=2026-06-28/run=ing-a/,raw/nyc311/ingestion_date=2026-06-28/run=ing-b/"}}
                        """.formatted(JOB_ID, request.pipelineRunId(), request.pipelineRunId()))));
        databricks.verify(
                3, getRequestedFor(urlPathEqualTo(RUNS_GET)).withQueryParam("run_id", equalTo(Long.toString(RUN_ID))));
        databricks.verify(0, postRequestedFor(urlPathEqualTo(RUNS_CANCEL)));
    }

    @Test
    void aRunThatFailsFailsTheAttemptWithDatabricksReason() throws Exception {
        runGetGoesThrough(
                RUNNING,
                RUN.runsGet(
                        "TERMINATED",
                        "FAILED",
                        "Task delta_batch failed with message: Workload failed, see run output for details.",
                        "TERMINATED",
                        """
                        {"code": "RUN_EXECUTION_ERROR", "type": "CLIENT_ERROR",
                         "message": "Task delta_batch failed with message: Workload failed, see run output for details."}"""));

        JobOutcome outcome = runner(Duration.ofMinutes(1)).run(request(), started::add);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.jobRunId()).isEqualTo(Long.toString(RUN_ID));
        assertThat(outcome.error())
                .contains("ended TERMINATED with result FAILED")
                .contains("Task delta_batch failed")
                .contains("RUN_EXECUTION_ERROR");
        databricks.verify(0, postRequestedFor(urlPathEqualTo(RUNS_CANCEL)));
    }

    @Test
    void aRunInAnInternalErrorFailsTheAttempt() throws Exception {
        runGetGoesThrough(RUN.runsGet(
                "INTERNAL_ERROR",
                "FAILED",
                "Cluster terminated. Reason: Cloud provider launch failure",
                "TERMINATED",
                "{\"code\": \"CLOUD_FAILURE\", \"type\": \"CLOUD_FAILURE\", \"message\": \"launch failure\"}"));

        JobOutcome outcome = runner(Duration.ofMinutes(1)).run(request(), started::add);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).contains("INTERNAL_ERROR").contains("CLOUD_FAILURE");
    }

    @Test
    void aRunThatHangsPastTheTimeoutIsCancelled() throws Exception {
        databricks.stubFor(get(urlPathEqualTo(RUNS_GET)).willReturn(okJson(RUNNING)));

        JobOutcome outcome = runner(Duration.ofMillis(400)).run(request(), started::add);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).contains("did not finish within PT0.4S and was cancelled");
        databricks.verify(
                1,
                postRequestedFor(urlPathEqualTo(RUNS_CANCEL))
                        .withRequestBody(equalToJson("{\"run_id\": " + RUN_ID + "}")));
    }

    @Test
    void a503FromTheApiIsRetriedAndTheRunGoesOn() throws Exception {
        databricks.stubFor(post(urlPathEqualTo(RUN_NOW))
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(temporarilyUnavailable())
                .willSetStateTo("recovered"));
        databricks.stubFor(post(urlPathEqualTo(RUN_NOW))
                .inScenario("busy")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"run_id\": " + RUN_ID + ", \"number_in_job\": " + RUN_ID + "}")));
        runGetGoesThrough(SUCCEEDED);

        JobOutcome outcome = runner(Duration.ofMinutes(1)).run(request(), started::add);

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        databricks.verify(2, postRequestedFor(urlPathEqualTo(RUN_NOW)));
    }

    @Test
    void anApiThatStays503FailsTheAttemptClearly() throws Exception {
        databricks.stubFor(post(urlPathEqualTo(RUN_NOW)).willReturn(temporarilyUnavailable()));

        JobOutcome outcome = runner(Duration.ofMinutes(1)).run(request(), started::add);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.jobRunId()).isNull();
        assertThat(started).isEmpty();
        assertThat(outcome.error()).startsWith("Databricks jobs/run-now for job " + JOB_ID + " failed");
        assertThat(databricks.findAll(postRequestedFor(urlPathEqualTo(RUN_NOW))))
                .hasSizeGreaterThan(1);
        databricks.verify(0, getRequestedFor(urlPathEqualTo(RUNS_GET)));
    }

    @Test
    void aRunStartedBeforeARestartIsFollowedWithoutASecondRunNow() throws Exception {
        runGetGoesThrough(RUNNING, SUCCEEDED);

        java.util.Optional<JobOutcome> outcome = runner(Duration.ofMinutes(1)).resume(request(), Long.toString(RUN_ID));

        assertThat(outcome).isPresent();
        assertThat(outcome.get().succeeded())
                .as(String.valueOf(outcome.get().error()))
                .isTrue();
        assertThat(outcome.get().jobRunId()).isEqualTo(Long.toString(RUN_ID));
        databricks.verify(0, postRequestedFor(urlPathEqualTo(RUN_NOW)));
        databricks.verify(
                2, getRequestedFor(urlPathEqualTo(RUNS_GET)).withQueryParam("run_id", equalTo(Long.toString(RUN_ID))));
    }

    @Test
    void aJobRunIdThatIsNoDatabricksRunIsNotResumed() throws Exception {
        assertThat(runner(Duration.ofMinutes(1)).resume(request(), "/tmp/nyc311-pipeline-runs/run-attempt-1.log"))
                .isEmpty();
        databricks.verify(0, getRequestedFor(urlPathEqualTo(RUNS_GET)));
    }

    @Test
    void aControllerThatStopsLeavesTheDatabricksRunGoing() throws Exception {
        databricks.stubFor(get(urlPathEqualTo(RUNS_GET)).willReturn(okJson(RUNNING)));
        java.util.concurrent.atomic.AtomicReference<Throwable> ended =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread attempt = new Thread(() -> {
            try {
                runner(Duration.ofMinutes(1)).run(request(), started::add);
                ended.set(new AssertionError("the attempt ended although its run was still going"));
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        attempt.start();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> databricks
                                .findAll(getRequestedFor(urlPathEqualTo(RUNS_GET)))
                                .size()
                        >= 2);

        attempt.interrupt();
        attempt.join(10_000);

        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        assertThat(started).containsExactly(Long.toString(RUN_ID));
        databricks.verify(0, postRequestedFor(urlPathEqualTo(RUNS_CANCEL)));
    }

    private DatabricksJobRunner runner(Duration timeout) {
        return DatabricksJobRunner.connect(new ControllerProperties.Databricks(
                "http://127.0.0.1:" + databricks.port(),
                null,
                null,
                "dapi-test-token",
                JOB_ID,
                Duration.ofMillis(20),
                Duration.ofMillis(80),
                timeout,
                "s3://nyc311-lake"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder temporarilyUnavailable() {
        return aResponse()
                .withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"error_code\": \"TEMPORARILY_UNAVAILABLE\", \"message\": \"The service at /api/2.2/jobs/run-now is temporarily unavailable. Please try again later.\"}");
    }

    /** runs/get answers these bodies in turn, then the last one for good. */
    private void runGetGoesThrough(String... bodies) {
        String state = Scenario.STARTED;
        for (int i = 0; i < bodies.length; i++) {
            String next = i + 1 < bodies.length ? "poll-" + (i + 1) : state;
            databricks.stubFor(get(urlPathEqualTo(RUNS_GET))
                    .inScenario("run")
                    .whenScenarioStateIs(state)
                    .willReturn(okJson(bodies[i]))
                    .willSetStateTo(next));
            state = next;
        }
    }

    private static JobRequest request() {
        return new JobRequest(
                UUID.randomUUID(),
                1,
                List.of("ing-b", "ing-a"),
                List.of(
                        "raw/nyc311/ingestion_date=2026-06-28/run=ing-b/",
                        "raw/nyc311/ingestion_date=2026-06-28/run=ing-a/"));
    }
}
