package org.nyc311.controller.job.databricks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
        String base = "http://127.0.0.1:" + workspace.port();
        workspace.stubFor(
                get(urlPathEqualTo("/.well-known/databricks-config")).willReturn(okJson("""
                        {"oidc_endpoint": "%s/oidc", "account_id": "0d26daa6-5e44-4c97-a497-ef015f91254a",
                         "workspace_id": "1234567890123456", "cloud": "aws"}""".formatted(base))));
        workspace.stubFor(get(urlPathEqualTo("/oidc/.well-known/oauth-authorization-server"))
                .willReturn(okJson("""
                        {"authorization_endpoint": "%1$s/oidc/v1/authorize",
                         "token_endpoint": "%1$s/oidc/v1/token",
                         "issuer": "%1$s/oidc",
                         "jwks_uri": "%1$s/oidc/jwks.json",
                         "scopes_supported": ["all-apis", "offline_access", "openid", "profile", "email"],
                         "response_types_supported": ["code", "id_token"],
                         "grant_types_supported": ["client_credentials", "authorization_code", "refresh_token"],
                         "code_challenge_methods_supported": ["S256"],
                         "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
                         "subject_types_supported": ["public"],
                         "id_token_signing_alg_values_supported": ["RS256"],
                         "request_uri_parameter_supported": false}""".formatted(base))));
        workspace.stubFor(post(urlPathEqualTo("/oidc/v1/token")).willReturn(okJson("""
                        {"access_token": "%s", "scope": "all-apis", "token_type": "Bearer", "expires_in": 3600}""".formatted(ACCESS_TOKEN))));
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
                postRequestedFor(urlPathEqualTo("/oidc/v1/token"))
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
        workspace.verify(0, postRequestedFor(urlPathEqualTo("/oidc/v1/token")));
    }

    @Test
    void aTokenEndpointThatRefusesTheSecretFailsTheAttemptBeforeAnyRunStarts() throws Exception {
        workspace.stubFor(
                post(urlPathEqualTo("/oidc/v1/token"))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error_description\": \"Client authentication failed\", \"error\": \"invalid_client\"}")));

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
