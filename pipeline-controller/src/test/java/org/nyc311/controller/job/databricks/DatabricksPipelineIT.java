package org.nyc311.controller.job.databricks;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nyc311.controller.ControllerIntegrationTest;
import org.nyc311.controller.TestQueues;
import org.nyc311.controller.run.PipelineRun;
import org.nyc311.controller.run.PipelineRunRepository;
import org.nyc311.controller.run.RunState;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.GoldRefreshed;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code nyc311.controller.runner=databricks} in the whole controller, against a stub of the Jobs 2.2 API
 * whose "job" leaves its result.json in the lake bucket, as the delta-jobs JAR task does on Databricks.
 */
@TestPropertySource(
        properties = {
            "nyc311.controller.runner=databricks",
            "nyc311.controller.databricks.token=dapi-test-token",
            "nyc311.controller.databricks.job-id=42",
            "nyc311.controller.databricks.poll-initial=20ms",
            "nyc311.controller.databricks.poll-max=100ms",
            "nyc311.controller.databricks.timeout=1m"
        })
class DatabricksPipelineIT extends ControllerIntegrationTest {

    private static WireMockServer databricks;

    @DynamicPropertySource
    static void databricksStub(DynamicPropertyRegistry registry) {
        databricks = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(new JobWritesItsResult(s3::client, BUCKET, LocalDate.of(2026, 6, 27), 12)));
        databricks.start();
        databricks.stubFor(post(urlPathEqualTo("/api/2.2/jobs/run-now"))
                .willReturn(okJson("{\"run_id\": 981, \"number_in_job\": 981}")));
        databricks.stubFor(get(urlPathEqualTo("/api/2.2/jobs/runs/get")).willReturn(okJson("""
                {"job_id": 42, "run_id": 981, "number_in_job": 981, "run_name": "nyc311-delta-batch",
                 "state": {"life_cycle_state": "TERMINATED", "result_state": "SUCCESS", "state_message": "",
                           "user_cancelled_or_timedout": false},
                 "status": {"state": "TERMINATED", "termination_details": {"code": "SUCCESS", "type": "SUCCESS", "message": ""}}}
                """)));
        registry.add("nyc311.controller.databricks.host", () -> "http://127.0.0.1:" + databricks.port());
    }

    @AfterAll
    static void stopStub() {
        databricks.stop();
    }

    @Autowired
    private PipelineRunRepository runs;

    @Test
    void aLandedBatchRunsAsADatabricksJobAndItsResultIsPublished() {
        TestQueues queues = new TestQueues(sqs);

        queues.sendRawBatch(new EventJson().write(TestQueues.rawBatchLanded("dbx-1")));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> runs.list(RunState.SUCCEEDED, 10).stream()
                        .anyMatch(run -> run.ingestionRunIds().contains("dbx-1")));
        PipelineRun run = runs.list(RunState.SUCCEEDED, 10).get(0);
        assertThat(run.jobRunId()).isEqualTo("981");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !queues.goldRefreshedFor(run.id().toString()).isEmpty());
        GoldRefreshed refreshed = queues.goldRefreshedFor(run.id().toString()).get(0);
        assertThat(refreshed.ingestionRunIds()).containsExactly("dbx-1");
        assertThat(refreshed.tableVersions()).containsEntry("daily_series", 12L);
        databricks.verify(1, postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now")));
    }
}
