package org.nyc311.forecastservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.testsupport.postgres.PostgresServer;
import org.nyc311.testsupport.postgres.PostgresServerExtension;
import org.nyc311.testsupport.sqs.SqsServerExtension;
import org.nyc311.testsupport.tokens.TokenIssuer;
import org.nyc311.testsupport.tokens.TokenIssuerExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** No warehouse at all: the API says 503 where it needs gold, still fits posted histories, and a training waits and gives up. */
@ExtendWith({PostgresServerExtension.class, SqsServerExtension.class, TokenIssuerExtension.class})
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=" + PostgresServer.DATABASE_URL + "fs_no_gold",
            "spring.cloud.aws.sqs.listener.poll-timeout=1s",
            "nyc311.gold.url=jdbc:hive2://127.0.0.1:9/default;transportMode=http;httpPath=cliservice",
            "nyc311.gold.connection-timeout=1s",
            "nyc311.forecast.max-attempts=2",
            "nyc311.mlflow.tracking-uri=",
            "nyc311.mlflow.retry-interval=300ms"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class GoldUnavailableIT {

    /** A token with every scope from the test JVM's issuer, for every call of this test. */
    private String bearerToken;

    @BeforeEach
    void callerWithEveryScope(TokenIssuer tokens) {
        bearerToken = tokens.tokenWithEveryScope();
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @BeforeAll
    static void database(PostgresServer postgres) {
        postgres.createDatabase("fs_no_gold");
    }

    @Test
    void whatNeedsGoldIs503AndAPostedHistoryIsStillForecast() throws Exception {
        HttpResponse<String> catalog = send("GET", "/api/v1/series", null);
        assertThat(catalog.statusCode()).isEqualTo(503);
        assertThat(catalog.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        HttpResponse<String> history = send("GET", "/api/v1/series/all/all/history", null);
        assertThat(history.statusCode()).isEqualTo(503);
        assertThat(history.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        HttpResponse<String> posted = send(
                "POST",
                "/api/v1/forecasts",
                "{\"horizon\":3,\"history\":[{\"date\":\"2026-01-01\",\"count\":4},{\"date\":\"2026-01-02\",\"count\":6}]}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(json.readTree(posted.body()).path("points")).hasSize(3);
    }

    @Test
    void aTrainingWaitsForGoldAndFailsAfterItsAttempts() throws Exception {
        String runId = json.readTree(send("POST", "/api/v1/forecast-runs", null).body())
                .path("forecastRunId")
                .asText();
        JsonNode run = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> json.readTree(send("GET", "/api/v1/forecast-runs/" + runId, null)
                                .body()),
                        r -> r.path("status").asText().equals("FAILED"));
        assertThat(run.path("error").asText()).contains("could not read");
        assertThat(run.path("trackingStatus").asText()).isEqualTo("DISABLED");
        assertThat(run.path("published").asBoolean()).isFalse();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + bearerToken);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
