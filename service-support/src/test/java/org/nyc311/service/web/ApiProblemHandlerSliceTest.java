package org.nyc311.service.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The base handler with MockMvc, in seconds: what every service's handler now gets from it instead of
 * writing it again (a refused argument 400, typed refusals with their members), and a service's own
 * title for a refused argument.
 */
class ApiProblemHandlerSliceTest {

    private static final ApiProperties PROPERTIES = new ApiProperties(Duration.ofSeconds(9), null);

    @RestController
    static class Throwing {
        @GetMapping("/borough")
        String borough(@RequestParam String name) {
            throw new IllegalArgumentException("unknown borough: " + name);
        }

        @GetMapping("/running")
        String running() {
            throw new ConflictException(
                    "Window already running", "run r-1 is already ingesting it", Map.of("runningRunId", "r-1"));
        }

        @GetMapping("/gone")
        String gone() {
            throw new NotFoundException("Unknown series", "no series x");
        }

        @GetMapping("/busy")
        String busy() {
            throw new ServiceUnavailableException("Queue full", "try later");
        }
    }

    /** As ingest-service names its refusals. */
    @RestControllerAdvice
    static class Ingestion extends ApiProblemHandler {
        Ingestion() {
            super(PROPERTIES);
        }

        @Override
        protected String invalidRequestTitle() {
            return "Invalid ingestion request";
        }
    }

    private static MockMvc mvc(ApiProblemHandler handler) {
        return MockMvcBuilders.standaloneSetup(new Throwing())
                .setControllerAdvice(handler)
                .build();
    }

    @Test
    void aRefusedArgumentIsABadRequestWithTheParsersWords() throws Exception {
        mvc(new DefaultApiProblemHandler(PROPERTIES))
                .perform(get("/borough").param("name", "atlantis"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.type").value("about:blank"))
                .andExpect(jsonPath("$.title").value("Bad request"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value("unknown borough: atlantis"));
    }

    @Test
    void aServiceMayNameTheKindOfRequestItRefuses() throws Exception {
        mvc(new Ingestion())
                .perform(get("/borough").param("name", "atlantis"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid ingestion request"))
                .andExpect(jsonPath("$.detail").value("unknown borough: atlantis"));
    }

    @Test
    void typedRefusalsKeepStatusTitleMembersAndRetryAfter() throws Exception {
        MockMvc mvc = mvc(new DefaultApiProblemHandler(PROPERTIES));
        mvc.perform(get("/running"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Window already running"))
                .andExpect(jsonPath("$.runningRunId").value("r-1"));
        mvc.perform(get("/gone"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Unknown series"));
        mvc.perform(get("/busy"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "9"))
                .andExpect(jsonPath("$.title").value("Queue full"));
    }
}
