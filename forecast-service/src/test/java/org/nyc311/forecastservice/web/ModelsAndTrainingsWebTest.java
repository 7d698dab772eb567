package org.nyc311.forecastservice.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.forecastservice.training.TrainingQueue;
import org.nyc311.testsupport.tokens.CallerWithEveryScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The web slice of the models and trainings endpoints, with the run store and the training worker replaced at
 * this boundary: a model links to its MLflow run where the UI is known, and each refusal is its problem detail
 * (a malformed run id or series 400, an unknown one 404, the database away 503 with Retry-After).
 */
@WebMvcTest(
        controllers = {ModelController.class, RunsController.class},
        properties = {"nyc311.mlflow.tracking-uri=", "nyc311.mlflow.ui-uri=http://mlflow.example:5000/"})
@Import({ModelsAndTrainingsWebTest.Settings.class, CallerWithEveryScope.class})
class ModelsAndTrainingsWebTest {

    private static final String PROBLEM = "application/problem+json";
    private static final UUID RUN = UUID.fromString("6a1f0c1e-2f64-4c43-9a5e-0d8b1f1f7e21");

    @TestConfiguration
    @EnableConfigurationProperties({ForecastProperties.class, MlflowProperties.class})
    static class Settings {}

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ForecastRunRepository runs;

    @MockitoBean
    private TrainingQueue worker;

    @Test
    void aModelLinksToItsRunInTheMlflowUi() throws Exception {
        when(runs.latest("noise-residential/brooklyn", 0))
                .thenReturn(Optional.of(new StoredSeriesForecast(
                        RUN,
                        "noise-residential/brooklyn",
                        "prophet",
                        Map.of("changepoints", "25"),
                        0.08,
                        0.07,
                        0.7,
                        0.95,
                        28,
                        LocalDate.of(2023, 6, 1),
                        LocalDate.of(2026, 5, 31),
                        "mlflow-7",
                        "5",
                        "3",
                        42L,
                        List.of())));

        mvc.perform(get("/api/v1/models/noise-residential/brooklyn"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.seriesId").value("noise-residential/brooklyn"))
                .andExpect(jsonPath("$.mlflowRunUrl").value("http://mlflow.example:5000/#/experiments/5/runs/mlflow-7"))
                .andExpect(
                        jsonPath("$.mlflowSeriesTableUrl")
                                .value(
                                        "http://mlflow.example:5000/#/experiments/5/runs/mlflow-7/artifactPath/series/metrics.csv"));
    }

    @Test
    void anUnknownOrMalformedModelOrRunIsTheClientsProblem() throws Exception {
        when(runs.latest("rodent/queens", 0)).thenReturn(Optional.empty());
        problem(mvc.perform(get("/api/v1/models/rodent/queens")), 404)
                .andExpect(jsonPath("$.title").value("Unknown series"));
        when(runs.find(RUN)).thenReturn(Optional.empty());
        problem(mvc.perform(get("/api/v1/forecast-runs/" + RUN)), 404)
                .andExpect(jsonPath("$.detail").value("no forecast run " + RUN));
        problem(mvc.perform(get("/api/v1/forecast-runs/not-a-uuid")), 400);
        verifyNoInteractions(worker);
    }

    @Test
    void theDatabaseAwayIsA503WithRetryAfterAndNoTrainingIsQueued() throws Exception {
        when(runs.queueManual(anyInt(), anyBoolean()))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        when(runs.recent(anyInt())).thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        when(runs.latest(anyString(), anyInt()))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));

        problem(mvc.perform(post("/api/v1/forecast-runs")), 503).andExpect(header().string("Retry-After", "30"));
        problem(mvc.perform(get("/api/v1/forecast-runs")), 503).andExpect(header().string("Retry-After", "30"));
        problem(mvc.perform(get("/api/v1/models/noise-residential/brooklyn")), 503)
                .andExpect(header().string("Retry-After", "30"));
        verify(worker, never()).submit(any());
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }
}
