package org.nyc311.service.gold;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.testsupport.databricks.DatabricksSignIn;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The gold pool signed in as a service principal: the real Databricks JDBC driver ({@code com.databricks:databricks-jdbc},
 * through Hikari, as the services open it) against a stub workspace that answers as Databricks documents it: the
 * sign-in documents and token endpoint (test-support's {@link DatabricksSignIn}) and the SQL Statement Execution API
 * ({@code POST /api/2.0/sql/warehouses/{id}/sessions}, {@code POST /api/2.0/sql/statements}, the shapes of the
 * driver's own recorded fixtures), which the driver speaks instead of Thrift with {@code UseThriftClient=0}.
 *
 * <p>Two things differ from a workspace, both in the test only. The URL adds {@code ssl=0} (plain http to 127.0.0.1),
 * and no cloud fetch ({@code EnableQueryResultDownload=0}: the rows come inline as JSON) nor telemetry. And the
 * driver's own test switch {@code isFakeServiceTest} is on: with OAuth M2M the driver otherwise signs in against the
 * URL's host on https port 443 whatever the URL's port (production's workspaces are there), and wraps the token in its
 * token-federation check. With it the driver keeps the URL's {@code http://127.0.0.1:port}; the sign-in itself is the
 * SDK's {@code oauth-m2m}, the one production runs.
 */
class GoldDatabricksOAuthM2MTest {

    private static final String FAKE_SERVICE_SWITCH = "isFakeServiceTest";
    private static final String WAREHOUSE_ID = "dd43ee29fedd958d";
    private static final String SESSION_ID = "01ef9de4-936a-1e69-a6d6-79b0fe6ba048";
    private static final String STATEMENT_ID = "01ef9de3-c8fa-1078-be55-0317b8df4303";
    private static final String CLIENT_ID = "6e1c7f4a-0b52-4d8e-9a3f-2c5d8b7e1f09";
    private static final String CLIENT_SECRET = "dose0123456789abcdef0123456789abcdef";
    /** What the token endpoint issues: a JWT in real life; opaque text does for the driver here. */
    private static final String ACCESS_TOKEN = "eyJraWQiOiJnb2xkLXJlYWRlciJ9.eyJzdWIiOiI2ZTFjN2Y0YSJ9.c2lnbmF0dXJl";

    private static final String COUNT_SERIES = "SELECT COUNT(*) AS series FROM main.nyc311_gold.series_catalog";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private WireMockServer workspace;

    @BeforeAll
    static void keepTheStubsPort() {
        System.setProperty(FAKE_SERVICE_SWITCH, "true");
    }

    @AfterAll
    static void backToAWorkspacesPort() {
        System.clearProperty(FAKE_SERVICE_SWITCH);
    }

    @BeforeEach
    void startWorkspace() {
        workspace = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        workspace.start();
        DatabricksSignIn.serve(workspace, ACCESS_TOKEN);
        workspace.stubFor(post(urlPathEqualTo("/api/2.0/sql/warehouses/" + WAREHOUSE_ID + "/sessions"))
                .willReturn(okJson("{\"session_id\": \"" + SESSION_ID + "\"}")));
        // SELECT 1, Hikari's test query
        workspace.stubFor(post(urlPathMatching("/api/2.0/sql/statements/?"))
                .willReturn(okJson(inlineResult("1", "INT", "INT", "1"))));
        workspace.stubFor(post(urlPathMatching("/api/2.0/sql/statements/?"))
                .withRequestBody(matchingJsonPath("$.statement", equalTo(COUNT_SERIES)))
                .willReturn(okJson(inlineResult("series", "BIGINT", "LONG", "212"))));
        // closing a statement and the session
        workspace.stubFor(delete(anyUrl()).willReturn(okJson("{}")));
    }

    @AfterEach
    void stopWorkspace() {
        workspace.stop();
    }

    @Test
    void theDriverSignsInWithTheClientPairAndQueriesWithTheTokenItWasIssued() throws Exception {
        try (HikariDataSource pool = GoldPool.open(servicePrincipal(CLIENT_SECRET), registry);
                Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(COUNT_SERIES)) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong("series")).isEqualTo(212);
            assertThat(result.next()).isFalse();
        }

        String basic =
                Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        workspace.verify(postRequestedFor(urlPathEqualTo(DatabricksSignIn.TOKEN_PATH))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("scope=all-apis")));
        workspace.verify(postRequestedFor(urlPathEqualTo("/api/2.0/sql/warehouses/" + WAREHOUSE_ID + "/sessions"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        workspace.verify(postRequestedFor(urlPathMatching("/api/2.0/sql/statements/?"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.statement", equalTo(COUNT_SERIES)))
                .withRequestBody(matchingJsonPath("$.session_id", equalTo(SESSION_ID))));
        // the secret went to the token endpoint only, in its Basic header; every API call carried the bearer
        assertThat(workspace.findAll(anyRequestedFor(anyUrl()))).allSatisfy(call -> {
            assertThat(call.getUrl()).doesNotContain(CLIENT_SECRET);
            assertThat(call.getBodyAsString()).doesNotContain(CLIENT_SECRET);
            if (call.getUrl().startsWith("/api/")) {
                assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
            }
        });
    }

    @Test
    void thePoolHandsTheDriverTheDocumentedPropertiesAndKeepsTheSecretOutOfTheUrl() {
        GoldProperties settings = servicePrincipal(CLIENT_SECRET);

        try (HikariDataSource pool = GoldPool.open(settings, registry)) {
            assertThat(pool.getDataSourceProperties())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "AuthMech",
                            "11",
                            "Auth_Flow",
                            "1",
                            "OAuth2ClientId",
                            CLIENT_ID,
                            "OAuth2Secret",
                            CLIENT_SECRET));
            assertThat(pool.getJdbcUrl()).isEqualTo(settings.url()).doesNotContain(CLIENT_SECRET);
            assertThat(pool.getUsername()).isNull();
            assertThat(pool.getPassword()).isNull();
        }
        assertThat(settings.toString()).contains(CLIENT_ID).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void theHealthSignsInTheSameWayAndShowsNoSecret() {
        Health health =
                new GoldHealth(servicePrincipal(CLIENT_SECRET), Duration.ofSeconds(30), Clock.systemUTC()).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.toString()).doesNotContain(CLIENT_SECRET);
        workspace.verify(postRequestedFor(urlPathEqualTo(DatabricksSignIn.TOKEN_PATH)));
    }

    @Test
    void aRefusedSecretLeavesGoldAwayAndTheHealthStillShowsNoSecret() {
        DatabricksSignIn.refuseTheSecret(workspace);

        Health health =
                new GoldHealth(servicePrincipal("revoked-secret"), Duration.ofSeconds(30), Clock.systemUTC()).health();

        assertThat(health.getStatus()).isNotEqualTo(Status.UP);
        assertThat(health.toString()).doesNotContain("revoked-secret");
        workspace.verify(0, postRequestedFor(urlPathMatching("/api/2.0/sql/statements/?")));
    }

    @Test
    void aPersonalAccessTokenIsSentAsItIsWithoutAskingForAToken() throws Exception {
        GoldProperties token = new GoldProperties(
                GoldProperties.DATABRICKS_DRIVER,
                url() + ";AuthMech=3",
                "token",
                "dapi-dev-token",
                "main.nyc311_gold",
                null,
                null,
                0,
                Duration.ofSeconds(30),
                0,
                null);

        try (HikariDataSource pool = GoldPool.open(token, registry);
                Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(COUNT_SERIES)) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(212);
        }
        workspace.verify(postRequestedFor(urlPathMatching("/api/2.0/sql/statements/?"))
                .withHeader("Authorization", equalTo("Bearer dapi-dev-token")));
        workspace.verify(0, postRequestedFor(urlPathEqualTo(DatabricksSignIn.TOKEN_PATH)));
    }

    private GoldProperties servicePrincipal(String clientSecret) {
        return new GoldProperties(
                GoldProperties.DATABRICKS_DRIVER,
                url(),
                null,
                null,
                "main.nyc311_gold",
                null,
                null,
                0,
                Duration.ofSeconds(30),
                0,
                new GoldProperties.Databricks(CLIENT_ID, clientSecret));
    }

    /** The warehouse's URL on the stub: no credentials in it, as in production; plain http, inline JSON rows. */
    private String url() {
        return "jdbc:databricks://127.0.0.1:" + workspace.port() + "/default;httpPath=/sql/1.0/warehouses/"
                + WAREHOUSE_ID + ";ssl=0;UseThriftClient=0;EnableQueryResultDownload=0;EnableTelemetry=0";
    }

    /** A statement that finished within the wait, one column and one row inline (disposition INLINE, JSON_ARRAY). */
    private static String inlineResult(String column, String typeText, String typeName, String value) {
        return """
                {"statement_id": "%s",
                 "status": {"state": "SUCCEEDED"},
                 "manifest": {"format": "JSON_ARRAY",
                              "schema": {"column_count": 1,
                                         "columns": [{"name": "%s", "type_text": "%s", "type_name": "%s", "position": 0}]},
                              "total_chunk_count": 1,
                              "chunks": [{"chunk_index": 0, "row_offset": 0, "row_count": 1}],
                              "total_row_count": 1,
                              "truncated": false},
                 "result": {"chunk_index": 0, "row_offset": 0, "row_count": 1, "data_array": [["%s"]]}}""".formatted(STATEMENT_ID, column, typeText, typeName, value);
    }
}
