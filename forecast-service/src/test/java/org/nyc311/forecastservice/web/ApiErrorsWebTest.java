package org.nyc311.forecastservice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
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
import org.junit.jupiter.api.Test;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.fit.OnDemandFits;
import org.nyc311.forecastservice.fit.SeriesFitter;
import org.nyc311.forecastservice.gold.GoldReader;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.service.gold.GoldUnavailableException;
import org.nyc311.testsupport.tokens.CallerWithEveryScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The web slice: the forecast and series endpoints with service-support's problem handler, the stores
 * behind them replaced at this boundary. A client's mistake is a 400 before any store is asked; a
 * store that is away is a 503 with Retry-After; our own failure is a 500 that tells nothing inside.
 */
@WebMvcTest(controllers = {ForecastController.class, SeriesController.class})
@Import({ApiErrorsWebTest.Settings.class, CallerWithEveryScope.class})
@TestPropertySource(properties = {"nyc311.forecast.on-demand.threads=1", "nyc311.forecast.on-demand.timeout=2s"})
class ApiErrorsWebTest {

    private static final String PROBLEM = "application/problem+json";

    @TestConfiguration
    @EnableConfigurationProperties(ForecastProperties.class)
    @Import(OnDemandFits.class)
    static class Settings {}

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ForecastRunRepository runs;

    @MockitoBean
    private GoldReader gold;

    @MockitoBean
    private SeriesFitter fitter;

    @Test
    void farFutureDatesOnPastAndHistoryAre400sSayingTheRangeBeforeAnyStoreIsAsked() throws Exception {
        badRequest(mvc.perform(get("/api/v1/forecasts/noise-residential/brooklyn/past")
                        .param("from", "+999999999-12-31")
                        .param("to", "+999999999-12-31")))
                .andExpect(jsonPath("$.detail").value(containsString("from must be between 2010-01-01 and ")));
        badRequest(mvc.perform(
                get("/api/v1/series/noise-residential/brooklyn/history").param("from", "+999999999-12-31")));
        badRequest(mvc.perform(
                get("/api/v1/series/noise-residential/brooklyn/history").param("to", "+999999999-12-31")));
        badRequest(mvc.perform(
                get("/api/v1/series/noise-residential/brooklyn/history").param("from", "2009-12-31")));
        badRequest(mvc.perform(
                get("/api/v1/forecasts/noise-residential/brooklyn").param("madeBefore", "+999999999-12-31")));
        verifyNoInteractions(runs, gold);
    }

    @Test
    void aPostedHistoryBeyondTheCalendarsReachIsA400NotAnOverflowInTheFit() throws Exception {
        badRequest(mvc.perform(post("/api/v1/forecasts")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"horizon\":3,\"history\":[{\"date\":\"+999999999-12-30\",\"count\":4},"
                                + "{\"date\":\"+999999999-12-31\",\"count\":6}]}")))
                .andExpect(jsonPath("$.detail").value(containsString("history's first date must be between")));
        verifyNoInteractions(fitter);
    }

    @Test
    void aStoreThatCannotBeReachedIsA503WithRetryAfter() throws Exception {
        when(runs.pastForecasts(anyString(), any(), any()))
                .thenThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        when(gold.catalogEntry(any(SeriesKey.class)))
                .thenThrow(new GoldUnavailableException("gold is away", new java.sql.SQLException("refused")));

        mvc.perform(get("/api/v1/forecasts/noise-residential/brooklyn/past")
                        .param("from", "2026-01-01")
                        .param("to", "2026-01-31"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.title").value("Service unavailable"));
        mvc.perform(get("/api/v1/series/noise-residential/brooklyn/history"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.title").value("Gold unavailable"));
    }

    @Test
    void ourOwnFailureIsA500ProblemThatLeaksNothing() throws Exception {
        when(runs.latest(anyString(), anyInt(), any()))
                .thenThrow(new IllegalStateException("column secret_column is null"));

        mvc.perform(get("/api/v1/forecasts/noise-residential/brooklyn"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.title").value("Internal server error"))
                .andExpect(jsonPath("$.detail").value(not(containsString("secret_column"))))
                .andExpect(jsonPath("$.reference").isNotEmpty());
    }

    @Test
    void datesInsideTheRangeAreServed() throws Exception {
        when(runs.pastForecasts("noise-residential/brooklyn", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)))
                .thenReturn(List.of());
        mvc.perform(get("/api/v1/forecasts/noise-residential/brooklyn/past")
                        .param("from", "2026-01-01")
                        .param("to", "2026-01-31"))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    private static ResultActions badRequest(ResultActions result) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").value("Bad request"))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void anOnDemandFitFindingThePoolBusyIsA429AndOneOutlastingItsTimeoutIsA503BothWithRetryAfter() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        when(fitter.fitNow(any(), anyInt())).thenAnswer(call -> {
            started.countDown();
            never.await();
            return null;
        });
        String body =
                "{\"horizon\":3,\"history\":[{\"date\":\"2026-01-01\",\"count\":4},{\"date\":\"2026-01-02\",\"count\":5}]}";
        java.util.concurrent.CompletableFuture<ResultActions> first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return mvc.perform(post("/api/v1/forecasts")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("the first fit is under way")
                .isTrue();

        mvc.perform(post("/api/v1/forecasts")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.title").value("Too many forecasts at once"));
        first.get(20, java.util.concurrent.TimeUnit.SECONDS)
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.detail").value(containsString("did not finish within 2 s")));
    }
}
