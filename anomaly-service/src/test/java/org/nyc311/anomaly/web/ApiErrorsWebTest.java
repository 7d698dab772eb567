package org.nyc311.anomaly.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.store.AnomalyQuery;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.nyc311.testsupport.tokens.CallerWithEveryScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The web slice: the anomaly API with service-support's problem handler and the repository replaced at
 * this boundary. A far date is a 400 before PostgreSQL sees it; the database away is a 503 with
 * Retry-After; our own failure a 500 that tells nothing inside.
 */
@Import(CallerWithEveryScope.class)
@WebMvcTest(AnomalyController.class)
class ApiErrorsWebTest {

    private static final String PROBLEM = "application/problem+json";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private AnomalyRepository repository;

    @Test
    void datesOutsideTheServedRangeAre400sSayingTheRange() throws Exception {
        for (String from : List.of("+999999999-12-31", "2009-12-31", "-999999999-01-01")) {
            mvc.perform(get("/api/v1/anomalies").param("from", from))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(PROBLEM))
                    .andExpect(jsonPath("$.title").value("Bad request"))
                    .andExpect(jsonPath("$.detail").value(containsString("from must be between 2010-01-01 and ")));
        }
        mvc.perform(get("/api/v1/anomalies").param("to", "+999999999-12-31")).andExpect(status().isBadRequest());
        verifyNoInteractions(repository);
    }

    @Test
    void theDatabaseAwayIsA503WithRetryAfter() throws Exception {
        when(repository.anomalies(any(AnomalyQuery.class)))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        when(repository.alerts(any(), anyInt()))
                .thenThrow(new TransientDataAccessResourceException("connection reset"));

        for (String path : List.of("/api/v1/anomalies", "/api/v1/alerts")) {
            mvc.perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentType(PROBLEM))
                    .andExpect(header().string("Retry-After", "30"))
                    .andExpect(jsonPath("$.status").value(503))
                    .andExpect(jsonPath("$.title").value("Service unavailable"));
        }
    }

    @Test
    void ourOwnFailureIsA500ProblemThatLeaksNothing() throws Exception {
        when(repository.recentChecks(anyInt())).thenThrow(new IllegalStateException("relation anomaly_check_secret"));

        mvc.perform(get("/api/v1/checks"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.detail").value(not(containsString("anomaly_check_secret"))));
    }
}
