package org.nyc311.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nyc311.api.anomaly.AlertView;
import org.nyc311.api.forecast.DailyCountView;
import org.nyc311.api.forecast.SeriesHistoryView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.dashboard.config.DashboardProperties;
import org.nyc311.dashboard.explorer.ExplorerView;
import org.nyc311.dashboard.overview.OverviewView;
import org.nyc311.dashboard.services.ServiceCalls;
import org.nyc311.dashboard.services.ServiceClientsSlice;
import org.nyc311.dashboard.services.TestServices;
import org.nyc311.dashboard.services.anomaly.AnomalyFeed;
import org.nyc311.dashboard.services.forecast.Forecasts;
import org.nyc311.dashboard.services.pipeline.PipelineRuns;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.testsupport.net.JsonStubServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The Overview's and the Explorer's calls to the services, counted at a loopback stand-in of all three: the service
 * clients and their cache as the app wires them (a Spring context of the config and services packages), the views
 * built as Vaadin builds them (their constructors). A second load within the cache's time makes no call; a view's
 * independent calls overlap; a failure is not kept.
 */
@SpringJUnitConfig({ServiceClientsSlice.class, ViewCallsTest.StandIn.class})
class ViewCallsTest {

    /**
     * Citywide, five boroughs: per series its newest forecast and its past forecasts; their actual counts in one read; the
     * forecast made before yesterday.
     */
    static final int OVERVIEW_FORECAST_CALLS = 6 * 2 + 1 + 1;
    /** The anomalies, the open alerts, the recent pipeline runs, the data-quality alerts. */
    static final int OVERVIEW_OTHER_CALLS = 4;
    /** The catalog, then the chosen series' forecast, model, counts, past forecasts and anomalies. */
    static final int EXPLORER_CALLS = 6;

    static final JsonStubServer SERVICES = new JsonStubServer();
    static final LocalDate LAST =
            LocalDate.now(java.time.ZoneId.of("America/New_York")).minusDays(1);

    @Configuration(proxyBeanMethods = false)
    static class StandIn {

        @Bean
        org.nyc311.dashboard.config.ServicesProperties services() {
            return TestServices.at(SERVICES.baseUri());
        }
    }

    @Autowired
    Forecasts forecasts;

    @Autowired
    AnomalyFeed anomalyFeed;

    @Autowired
    PipelineRuns pipeline;

    @Autowired
    ServiceCalls calls;

    @Autowired
    CacheManager caches;

    @Autowired
    java.time.Clock clock;

    @BeforeEach
    void freshCacheAndStandIn() {
        ServiceClientsSlice.emptyCaches(caches);
        SERVICES.answerEveryAfter(Duration.ZERO);
        SERVICES.answer(
                "/api/v1/forecasts/all/all",
                new StoredForecastView(
                        "all/all",
                        UUID.randomUUID(),
                        "ets",
                        null,
                        7L,
                        LAST,
                        1,
                        List.of(new ForecastPoint(LAST.plusDays(1), 9000, 8000, 10000, 0.95))));
        SERVICES.answer("/api/v1/series/all/all/history", List.of(new DailyCountView(LAST, 8800)));
        SERVICES.answer(
                "/api/v1/series/histories",
                List.of(new SeriesHistoryView("all/all", List.of(new DailyCountView(LAST, 8800)))));
        SERVICES.answer(
                "/api/v1/series",
                List.of(new SeriesView(
                        "noise-residential/brooklyn",
                        "type_borough",
                        "noise-residential",
                        "Noise - Residential",
                        "brooklyn",
                        LAST.minusYears(1),
                        LAST,
                        LAST,
                        80,
                        365,
                        true)));
        SERVICES.answer(
                "/api/v1/alerts",
                List.of(new AlertView(
                        UUID.randomUUID(),
                        "all/brooklyn",
                        "open",
                        LAST,
                        LAST,
                        LAST,
                        null,
                        3,
                        4.1,
                        "breaches",
                        null,
                        null,
                        null)));
        SERVICES.answer("/api/v1/anomalies", List.of())
                .answer("/api/v1/runs", List.of())
                .answer("/api/v1/data-quality-alerts", List.of());
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
    }

    @Test
    void theOverviewsSecondLoadIsAnsweredFromTheCacheWithoutACall() {
        int before = SERVICES.asked().size();
        OverviewView first = overview();
        List<URI> asked = SERVICES.asked().subList(before, SERVICES.asked().size());

        assertThat(asked).hasSize(OVERVIEW_FORECAST_CALLS + OVERVIEW_OTHER_CALLS);
        assertThat(asked)
                .filteredOn(u -> u.getPath().equals("/api/v1/anomalies"))
                .singleElement()
                .satisfies(u ->
                        assertThat(u.getQuery()).contains("complaintType=all").doesNotContain("borough="));
        assertThat(texts(first)).containsAnyOf("8,800", "8800");
        int afterFirst = SERVICES.asked().size();

        OverviewView second = overview();

        assertThat(SERVICES.asked()).hasSize(afterFirst);
        assertThat(texts(second)).isEqualTo(texts(first));
    }

    @Test
    void theExplorersSecondLoadIsAnsweredFromTheCacheWithoutACall() {
        int before = SERVICES.asked().size();
        explorer();
        List<URI> asked = SERVICES.asked().subList(before, SERVICES.asked().size());

        assertThat(asked).hasSize(EXPLORER_CALLS);
        // this series' anomalies only: 'all' is the roll-ups' own key, not "any"
        assertThat(asked)
                .filteredOn(u -> u.getPath().equals("/api/v1/anomalies"))
                .singleElement()
                .satisfies(u -> assertThat(u.getQuery()).contains("complaintType=all&borough=all"));
        int afterFirst = SERVICES.asked().size();

        explorer();

        assertThat(SERVICES.asked()).hasSize(afterFirst);
    }

    @Test
    void aViewsIndependentCallsOverlap() {
        Duration perCall = Duration.ofMillis(300);
        SERVICES.answerEveryAfter(perCall);
        int calls = OVERVIEW_FORECAST_CALLS + OVERVIEW_OTHER_CALLS;

        long start = System.nanoTime();
        overview();
        Duration overview = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        explorer();
        Duration explorer = Duration.ofNanos(System.nanoTime() - start);

        // one after another they would take calls x 300 ms (6.6 s and 1.8 s); 8 at a time, about 3 rounds and 1
        assertThat(overview).isLessThan(perCall.multipliedBy(calls).dividedBy(2));
        assertThat(explorer).isLessThan(perCall.multipliedBy(EXPLORER_CALLS).dividedBy(2));
    }

    @Test
    void aFailureIsNotKeptTheServiceIsAskedAgain() {
        SERVICES.status("/api/v1/alerts", 503);
        assertThat(texts(overview())).contains("anomaly-service unavailable: it answered 503");

        SERVICES.answer("/api/v1/alerts", List.of());
        int before = SERVICES.asked().size();
        OverviewView again = overview();

        assertThat(SERVICES.asked().subList(before, SERVICES.asked().size()))
                .extracting(URI::getPath)
                .containsExactly("/api/v1/alerts");
        assertThat(texts(again)).doesNotContain("unavailable");
    }

    private OverviewView overview() {
        return new OverviewView(forecasts, anomalyFeed, pipeline, calls, clock);
    }

    private ExplorerView explorer() {
        return new ExplorerView(forecasts, anomalyFeed, calls, new DashboardProperties("analyst", null, null), clock);
    }

    /** Every text the view shows, notices and cards included, in document order. */
    private static String texts(Component view) {
        return view.getElement().getTextRecursively();
    }
}
