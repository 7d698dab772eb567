package org.nyc311.controller.job.databricks;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.controller.job.JobOutcome;
import org.nyc311.controller.job.JobRequest;
import org.nyc311.testsupport.databricks.DatabricksSignIn;

/**
 * The runner signed in as a service principal (OAuth M2M) against a stub workspace that answers as Databricks
 * documents it: the host metadata, the OIDC discovery document, the token endpoint and the Jobs 2.2 API.
 */
class DatabricksOAuthM2MTest {

    private static final long JOB_ID = 731_254_998_112_034L;
    private static final long RUN_ID = 455_644_834L;
    private static final String CLIENT_ID = "6e1c7f4a-0b52-4d8e-9a3f-2c5d8b7e1f09";
    private static final String CLIENT_SECRET = "dose0123456789abcdef0123456789abcdef";
    /** What the token endpoint issues: a JWT in real life; any opaque text does for the runner. */
    private static final String ACCESS_TOKEN = "eyJraWQiOiJkYTA4ZTVjZ.eyJzdWIiOiI2ZTFjN2Y0YSJ9.c2lnbmF0dXJl";

    private WireMockServer workspace;

    @BeforeEach
    void startWorkspace() {
        workspace = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        workspace.start();
        DatabricksSignIn.serve(workspace, ACCESS_TOKEN);
        workspace.stubFor(post(urlPathEqualTo("/api/2.2/jobs/run-now"))
                .willReturn(okJson("{\"run_id\": " + RUN_ID + ", \"number_in_job\": " + RUN_ID + "}")));
        workspace.stubFor(get(urlPathEqualTo("/api/2.2/jobs/runs/get"))
                .willReturn(okJson(new JobsApiAnswers(JOB_ID, RUN_ID, null)
                        .runsGet(
                                "TERMINATED",
                                "SUCCESS",
                                "",
                                "TERMINATED",
                                "{\"code\": \"SUCCESS\", \"type\": \"SUCCESS\", \"message\": \"\"}"))));
    }

    @AfterEach
    void stopWorkspace() {
        workspace.stop();
    }

    @Test
    void aServicePrincipalRunsTheJobWithTheTokenTheWorkspaceIssued() throws Exception {
        JobOutcome outcome = DatabricksJobRunner.connect(settings(CLIENT_ID, CLIENT_SECRET, null))
                .run(request(), id -> {});

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        String basic =
                Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        // one token for the run-now and every runs/get: it lives an hour, and the SDK keeps it until then
        workspace.verify(
                1,
                postRequestedFor(urlPathEqualTo(DatabricksSignIn.TOKEN_PATH))
                        .withHeader("Authorization", equalTo("Basic " + basic))
                        .withRequestBody(containing("grant_type=client_credentials"))
                        .withRequestBody(containing("scope=all-apis")));
        workspace.verify(postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        workspace.verify(getRequestedFor(urlPathEqualTo("/api/2.2/jobs/runs/get"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        assertThat(workspace.findAll(postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now"))))
                .allSatisfy(call -> assertThat(call.getHeader("Authorization")).doesNotContain(CLIENT_SECRET));
    }

    @Test
    void aPersonalAccessTokenIsSentAsItIsWithoutAskingForAToken() throws Exception {
        JobOutcome outcome = DatabricksJobRunner.connect(settings(null, null, "dapi-dev-token"))
                .run(request(), id -> {});

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        workspace.verify(postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now"))
                .withHeader("Authorization", equalTo("Bearer dapi-dev-token")));
        workspace.verify(0, postRequestedFor(urlPathEqualTo(DatabricksSignIn.TOKEN_PATH)));
    }

    @Test
    void aTokenEndpointThatRefusesTheSecretFailsTheAttemptBeforeAnyRunStarts() throws Exception {
        DatabricksSignIn.refuseTheSecret(workspace);

        JobOutcome outcome = DatabricksJobRunner.connect(settings(CLIENT_ID, "revoked-secret", null))
                .run(request(), id -> {});

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.jobRunId()).isNull();
        assertThat(outcome.error()).startsWith("Databricks jobs/run-now for job " + JOB_ID + " failed");
        workspace.verify(0, postRequestedFor(urlPathEqualTo("/api/2.2/jobs/run-now")));
    }

    @Test
    void bothWaysOfSigningInAreRefusedNamingTheSettings() {
        assertThatThrownBy(() -> DatabricksJobRunner.connect(settings(CLIENT_ID, CLIENT_SECRET, "dapi-dev-token")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nyc311.controller.databricks.client-id")
                .hasMessageContaining("nyc311.controller.databricks.client-secret")
                .hasMessageContaining("nyc311.controller.databricks.token")
                .hasMessageContaining("not both");
    }

    @Test
    void neitherWayOfSigningInIsRefusedNamingTheSettings() {
        assertThatThrownBy(() -> DatabricksJobRunner.connect(settings(null, null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nyc311.controller.databricks.client-id")
                .hasMessageContaining("nyc311.controller.databricks.token")
                .hasMessageContaining("neither is set");
    }

    @Test
    void aClientIdWithoutItsSecretIsRefused() {
        assertThatThrownBy(() -> DatabricksJobRunner.connect(settings(CLIENT_ID, null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nyc311.controller.databricks.client-secret");
    }

    private ControllerProperties.Databricks settings(
            @Nullable String clientId, @Nullable String clientSecret, @Nullable String token) {
        return new ControllerProperties.Databricks(
                "http://127.0.0.1:" + workspace.port(),
                clientId,
                clientSecret,
                token,
                JOB_ID,
                Duration.ofMillis(20),
                Duration.ofMillis(80),
                Duration.ofMinutes(1),
                "s3://nyc311-lake");
    }

    private static JobRequest request() {
        return new JobRequest(
                UUID.randomUUID(), 1, List.of("ing-a"), List.of("raw/nyc311/ingestion_date=2026-06-28/run=ing-a/"));
    }
}
