package org.nyc311.controller.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.controller.run.PipelineRunRepository;
import org.nyc311.controller.run.RunCoordinator;
import org.nyc311.model.event.EventJson;
import org.nyc311.testsupport.tokens.CallerWithEveryScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The web slice: the runs API with service-support's problem handler, the repository and coordinator
 * replaced at this boundary. The client's mistakes are 400s and 404s; the database away is a 503 with
 * Retry-After, whether reading runs or beginning the transaction of a rerun.
 */
@WebMvcTest(RunsController.class)
@Import({ApiErrorsWebTest.Json.class, CallerWithEveryScope.class})
class ApiErrorsWebTest {

    private static final String PROBLEM = "application/problem+json";

    @TestConfiguration
    static class Json {
        @Bean
        EventJson eventJson() {
            return new EventJson();
        }
    }

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private PipelineRunRepository runs;

    @MockitoBean
    private RunCoordinator coordinator;

    @Test
    void theClientsMistakesAre4xxProblems() throws Exception {
        problem(mvc.perform(get("/api/v1/runs/not-a-uuid")), 400);
        problem(mvc.perform(get("/api/v1/runs").param("state", "SOMETIMES")), 400);
        problem(mvc.perform(get("/api/v1/runs").param("limit", "0")), 400);
        UUID unknown = UUID.randomUUID();
        when(runs.find(unknown)).thenReturn(Optional.empty());
        problem(mvc.perform(get("/api/v1/runs/" + unknown)), 404)
                .andExpect(jsonPath("$.title").value("Run not found"));
        when(coordinator.rerun(anyCollection()))
                .thenThrow(new RunCoordinator.UnknownBatchException("no batch of ingestion run r-1"));
        problem(
                        mvc.perform(post("/api/v1/runs")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"ingestionRunIds\":[\"r-1\"]}")),
                        400)
                .andExpect(jsonPath("$.title").value("Unknown batch"));
    }

    @Test
    void theDatabaseAwayIsA503WithRetryAfter() throws Exception {
        when(runs.list(any(), anyInt()))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        when(coordinator.rerun(anyCollection()))
                .thenThrow(new CannotCreateTransactionException("Could not open JDBC Connection"));

        problem(mvc.perform(get("/api/v1/runs")), 503).andExpect(header().string("Retry-After", "30"));
        problem(
                        mvc.perform(post("/api/v1/runs")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"ingestionRunIds\":[\"r-1\"]}")),
                        503)
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.title").value("Service unavailable"));
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }
}
