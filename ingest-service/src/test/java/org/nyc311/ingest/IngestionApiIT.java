package org.nyc311.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.nyc311.testsupport.schemathesis.Schemathesis;
import org.nyc311.testsupport.tokens.TokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class IngestionApiIT extends IngestIntegrationTest {

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    @LocalServerPort
    private int port;

    private final SodaStub soda = new SodaStub(SODA);

    @Test
    void aWindowThatEndsBeforeItStartsIsA400ProblemSayingSo() {
        ResponseEntity<JsonNode> response =
                post("{\"kind\":\"BACKFILL\",\"from\":\"2026-02-01\",\"to\":\"2026-01-01\"}");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().path("detail").asText()).contains("the window ends before it starts");
    }

    @Test
    void malformedBoundsAndMissingBoundsAre400sThatSayWhatToSend() {
        ResponseEntity<JsonNode> badDate = post("{\"kind\":\"BACKFILL\",\"from\":\"yesterday\",\"to\":\"2026-01-01\"}");
        ResponseEntity<JsonNode> halfWindow = post("{\"kind\":\"BACKFILL\",\"from\":\"2026-01-01\"}");
        ResponseEntity<JsonNode> noWindow = post("{\"kind\":\"BACKFILL\"}");
        ResponseEntity<JsonNode> badKind = post("{\"kind\":\"SOMETIMES\"}");

        assertThat(badDate.getStatusCode().value()).isEqualTo(400);
        assertThat(badDate.getBody().path("detail").asText())
                .contains("'from' must be a date (2026-01-31) or a floating timestamp");
        assertThat(halfWindow.getBody().path("detail").asText()).contains("give both 'from' and 'to'");
        assertThat(noWindow.getBody().path("detail").asText()).contains("a backfill needs a window");
        assertThat(badKind.getStatusCode().value()).isEqualTo(400);
        assertThat(badKind.getBody().path("detail").asText()).contains("kind BACKFILL or INCREMENTAL");
    }

    @Test
    void aRunStartedOverHttpReportsItsStatusAndCounts() throws Exception {
        soda.servePages(SodaStub.records(14, 8_000_000, false), 10);

        ResponseEntity<JsonNode> started =
                post("{\"kind\":\"BACKFILL\",\"from\":\"2020-07-01\",\"to\":\"2020-07-31\"}");

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        String runId = started.getBody().path("runId").asText();
        assertThat(started.getHeaders().getLocation()).hasToString("/api/v1/ingestions/" + runId);
        assertThat(started.getBody().path("window").path("to").asText()).isEqualTo("2020-07-31T23:59:59");
        JsonNode run = null;
        for (int i = 0; i < 400; i++) {
            run = http.getForObject("/api/v1/ingestions/" + runId, JsonNode.class);
            if (!run.path("status").asText().equals("RUNNING")) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("recordCount").asLong()).isEqualTo(14);
        assertThat(run.path("partCount").asInt()).isEqualTo(2);
        assertThat(http.getForEntity("/api/v1/ingestions/no-such-run", JsonNode.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    @Test
    void aFileOfTheReplayFolderIsReplayedOverHttpAndNothingOutsideItIsRead() throws Exception {
        ResponseEntity<JsonNode> outside = post("{\"source\":\"../../../pom.xml\"}");
        ResponseEntity<JsonNode> missing = post("{\"source\":\"no-such-file.jsonl\"}");
        ResponseEntity<JsonNode> started = post("{\"source\":\"soda-sample.jsonl\"}");

        assertThat(outside.getStatusCode().value()).isEqualTo(400);
        assertThat(outside.getBody().path("detail").asText())
                .contains("'source' must name a file in the replay folder");
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(started.getStatusCode().value()).isEqualTo(202);
        JsonNode run = awaitEnd(started.getBody().path("runId").asText());
        assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("recordCount").asLong()).isEqualTo(12);
    }

    private JsonNode awaitEnd(String runId) throws InterruptedException {
        JsonNode run = null;
        for (int i = 0; i < 400; i++) {
            run = http.getForObject("/api/v1/ingestions/" + runId, JsonNode.class);
            if (!run.path("status").asText().equals("RUNNING")) {
                break;
            }
            Thread.sleep(50);
        }
        return run;
    }

    /**
     * An outside client (Schemathesis) fuzzes every operation of the document this service publishes, and
     * every check must pass: no 5xx, every status and response as documented, invalid data refused and valid
     * data accepted.
     */
    @Test
    void thePublishedContractHoldsUnderSchemathesis(TokenIssuer tokens) throws Exception {
        java.sql.Timestamp started = java.sql.Timestamp.from(java.time.Instant.now());
        try {
            Schemathesis.Result result = Schemathesis.installed().runOnLocalPort(port, tokens.tokenWithEveryScope());
            assertThat(result.passed()).as(result.describe()).isTrue();
        } finally {
            forgetRunsSince(started);
        }
    }

    /**
     * The ingestions Schemathesis started end inside its test and leave nothing behind: a failed incremental run of
     * theirs would otherwise be resumed by the next test sharing this database (IncrementalAndRestartIT) instead of
     * the window that test sets up.
     */
    private void forgetRunsSince(java.sql.Timestamp started) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (jdbc.queryForObject(
                        "SELECT count(*) FROM ingestion_run WHERE status = 'RUNNING' AND created_at >= ?",
                        Integer.class,
                        started)
                > 0) {
            assertThat(System.nanoTime())
                    .as("the ingestions Schemathesis started end within a minute")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        jdbc.update(
                "DELETE FROM ingestion_part WHERE run_id IN (SELECT run_id FROM ingestion_run WHERE created_at >= ?)",
                started);
        jdbc.update(
                "DELETE FROM ingestion_watermark WHERE run_id IN (SELECT run_id FROM ingestion_run WHERE created_at >= ?)",
                started);
        jdbc.update("DELETE FROM ingestion_run WHERE created_at >= ?", started);
    }

    private ResponseEntity<JsonNode> post(String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/api/v1/ingestions", new HttpEntity<>(json, headers), JsonNode.class);
    }
}
