package org.nyc311.ingest.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.run.IngestionRequest;
import org.nyc311.ingest.run.IngestionService;
import org.nyc311.ingest.run.RunConflictException;
import org.nyc311.service.web.ServiceUnavailableException;
import org.nyc311.testsupport.tokens.CallerWithEveryScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The web slice: the ingestion API with its problem handler, the service behind it replaced at this
 * boundary. Ingestion's own problem shapes stay (title "Invalid ingestion request", a 409 naming the
 * running run); the shared ones come from service-support (a full run queue or the database away is a
 * 503 with Retry-After, an unknown run a 404).
 */
@WebMvcTest(IngestionController.class)
@Import({ApiErrorsWebTest.Settings.class, CallerWithEveryScope.class})
class ApiErrorsWebTest {

    private static final String PROBLEM = "application/problem+json";

    @TestConfiguration
    @EnableConfigurationProperties(IngestProperties.class)
    static class Settings {}

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private IngestionService ingestions;

    @Test
    void aWindowBeyondTheFeedsRangeIsA400SayingTheRange() throws Exception {
        problem(
                        start(
                                "{\"kind\":\"BACKFILL\",\"from\":\"+999999999-12-30T00:00:00\",\"to\":\"+999999999-12-31T23:59:59\"}"),
                        400)
                .andExpect(jsonPath("$.detail").value(containsString("'from' must be between 2010-01-01 and ")));
        problem(start("{\"kind\":\"BACKFILL\",\"from\":\"+999999999-12-31\",\"to\":\"+999999999-12-31\"}"), 400);
        problem(start("{\"kind\":\"BACKFILL\",\"from\":\"2009-12-31\",\"to\":\"2010-01-31\"}"), 400);
        verifyNoInteractions(ingestions);
    }

    @Test
    void ingestionsOwnRefusalsKeepTheirShape() throws Exception {
        problem(start("{\"kind\":\"SOMETIMES\"}"), 400)
                .andExpect(jsonPath("$.title").value("Invalid ingestion request"))
                .andExpect(jsonPath("$.detail").value(containsString("kind BACKFILL or INCREMENTAL")));
        when(ingestions.start(any(IngestionRequest.class)))
                .thenThrow(new RunConflictException("run r-1 is already ingesting it", "r-1"));
        problem(start("{\"kind\":\"INCREMENTAL\"}"), 409)
                .andExpect(jsonPath("$.title").value("Window already running"))
                .andExpect(jsonPath("$.runningRunId").value("r-1"));
        when(ingestions.find("no-such-run")).thenReturn(Optional.empty());
        problem(mvc.perform(get("/api/v1/ingestions/no-such-run")), 404)
                .andExpect(jsonPath("$.title").value("Unknown ingestion run"));
    }

    @Test
    void aFullRunQueueIsA503WithRetryAfterNamingTheRunNotStarted() throws Exception {
        when(ingestions.start(any(IngestionRequest.class)))
                .thenThrow(new ServiceUnavailableException(
                        "Ingestion queue full",
                        "too many ingestion runs waiting; run r-9 was not started: start it again later",
                        null,
                        Map.of("runId", "r-9")));

        problem(start("{\"kind\":\"INCREMENTAL\"}"), 503)
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.title").value("Ingestion queue full"))
                .andExpect(jsonPath("$.runId").value("r-9"));
    }

    @Test
    void theDatabaseAwayIsA503WithRetryAfter() throws Exception {
        when(ingestions.find(anyString()))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));

        problem(mvc.perform(get("/api/v1/ingestions/r-1")), 503)
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.title").value("Service unavailable"));
    }

    private ResultActions start(String json) throws Exception {
        return mvc.perform(post("/api/v1/ingestions")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.type").value("about:blank"))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }
}
