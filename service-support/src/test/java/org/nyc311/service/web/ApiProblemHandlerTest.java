package org.nyc311.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.testsupport.spring.ServletWebSlice;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The base handler on a real Tomcat, as a service runs it: a boundary-less multipart Content-Type fails
 * in the container's parsing, which MockMvc does not do. No service here, only a controller that throws
 * what services throw.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "nyc311.api.retry-after=7s", "spring.mvc.problemdetails.enabled=true"
        })
class ApiProblemHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void typedRefusalsKeepTheirStatusTitleAndMembers() throws Exception {
        Answer badRequest = get("/typed?status=400").assertProblem(400, "Bad request");
        assertThat(badRequest.detail()).isEqualTo("limit must be between 1 and 500: 0");
        assertThat(badRequest.json().path("type").asText()).isEqualTo("about:blank");
        assertThat(badRequest.json().path("instance").asText()).isEqualTo("/typed");

        get("/typed?status=404").assertProblem(404, "Unknown series");
        Answer conflict = get("/typed?status=409").assertProblem(409, "Window already running");
        assertThat(conflict.json().path("runningRunId").asText()).isEqualTo("run-1");

        Answer busy = get("/typed?status=503").assertProblem(503, "Ingestion queue full");
        assertThat(busy.retryAfter()).isEqualTo("12");
    }

    @Test
    void aDateBeyondTheCalendarIsA400NotAnOverflow() throws Exception {
        Answer overflow = get("/plus-days?from=%2B999999999-12-31").assertProblem(400, "Bad date");
        assertThat(overflow.detail()).contains("2010-01-01");
    }

    @Test
    void aDateOutsideTheServedRangeIsA400SayingTheRange() throws Exception {
        Answer early = get("/guarded?from=2009-12-31").assertProblem(400, "Bad request");
        assertThat(early.detail()).startsWith("from must be between 2010-01-01 and ");
        get("/guarded?from=%2B999999999-12-31").assertProblem(400, "Bad request");
        get("/guarded?from=tomorrow").assertProblem(400, "Bad request");
        assertThat(get("/guarded?from=2026-01-01").status()).isEqualTo(200);
    }

    @Test
    void aMultipartContentTypeWithoutBoundaryIsA400OnAnyGet() throws Exception {
        for (String path : new String[] {"/guarded?from=2026-01-01", "/no-such-path"}) {
            HttpRequest request = HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "multipart/form-data")
                    .GET()
                    .build();
            Answer answer = send(request).assertProblem(400, "Unreadable multipart request");
            assertThat(answer.detail()).contains("boundary");
        }
    }

    @Test
    void anOutageIsA503WithTheConfiguredRetryAfterWhereverItIsWrapped() throws Exception {
        Answer direct = get("/outage?how=pool").assertProblem(503, "Service unavailable");
        assertThat(direct.retryAfter()).isEqualTo("7");

        Answer wrapped = get("/outage?how=wrapped").assertProblem(503, "Service unavailable");
        assertThat(wrapped.retryAfter()).isEqualTo("7");
    }

    @Test
    void ourOwnFaultIsA500ThatLeaksNothing() throws Exception {
        Answer failure = get("/outage?how=bug").assertProblem(500, "Internal server error");
        assertThat(failure.body()).doesNotContain("secret-table", "DataIntegrityViolation", "at org.");
        assertThat(failure.json().path("reference").asText()).isNotBlank();
    }

    @Test
    void springsOwnClientErrorsStay4xxProblems() throws Exception {
        get("/guarded").assertProblem(400, "Bad Request");
        assertThat(get("/no-such-path").status()).isEqualTo(404);
    }

    private Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Retry-After").orElse(null),
                response.body());
    }

    private record Answer(int status, String contentType, String retryAfter, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        /** Asserts this is a problem detail of this status and title, with a detail; this answer, for more. */
        Answer assertProblem(int expectedStatus, String title) throws Exception {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(contentType).isEqualTo("application/problem+json");
            assertThat(json().path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(json().path("title").asText()).isEqualTo(title);
            assertThat(detail()).isNotBlank();
            return this;
        }

        String detail() throws Exception {
            return json().path("detail").asText();
        }
    }

    @SpringBootConfiguration
    @ServletWebSlice
    @ImportAutoConfiguration({
        MultipartAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        ApiProblemsAutoConfiguration.class
    })
    @Import(ThrowingController.class)
    static class App {}

    @RestController
    static class ThrowingController {

        private final ApiDates dates;

        ThrowingController(ApiDates dates) {
            this.dates = dates;
        }

        @GetMapping("/typed")
        String typed(@RequestParam int status) {
            throw switch (status) {
                case 400 -> new BadRequestException("limit must be between 1 and 500: 0");
                case 404 -> new NotFoundException("Unknown series", "gold has no series 'x/y'");
                case 409 ->
                    new ConflictException(
                            "Window already running",
                            "run run-1 is already ingesting it",
                            Map.of("runningRunId", "run-1"));
                default ->
                    new ServiceUnavailableException(
                            "Ingestion queue full", "too many runs waiting", Duration.ofSeconds(12), Map.of());
            };
        }

        @GetMapping("/plus-days")
        String plusDays(@RequestParam String from) {
            return LocalDate.parse(from).plusDays(400).toString();
        }

        @GetMapping("/guarded")
        String guarded(@RequestParam String from) {
            return dates.parse("from", from).toString();
        }

        @GetMapping("/outage")
        String outage(@RequestParam String how) {
            throw switch (how) {
                case "pool" ->
                    new CannotGetJdbcConnectionException(
                            "Failed to obtain JDBC Connection",
                            new java.sql.SQLTransientConnectionException(
                                    "pool - Connection is not available, request timed out"));
                case "wrapped" ->
                    new IllegalStateException(
                            "could not record the run",
                            new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
                default -> new DataIntegrityViolationException("duplicate key in secret-table");
            };
        }
    }
}
