package org.nyc311.forecastservice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nyc311.api.forecast.CrossValidation;
import org.nyc311.api.forecast.DailyCountView;
import org.nyc311.api.forecast.ForecastServiceApi;
import org.nyc311.api.forecast.HistoryDay;
import org.nyc311.api.forecast.ModelView;
import org.nyc311.api.forecast.OnDemandRequest;
import org.nyc311.api.forecast.OnDemandView;
import org.nyc311.api.forecast.RunForecastsView;
import org.nyc311.api.forecast.RunView;
import org.nyc311.api.forecast.SeriesApi;
import org.nyc311.api.forecast.SeriesHistoryView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.forecast.CalibrationErrors;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.config.MlflowProperties;
import org.nyc311.forecastservice.fit.SeriesFit;
import org.nyc311.forecastservice.fit.SeriesFitter;
import org.nyc311.forecastservice.gold.GoldReader;
import org.nyc311.forecastservice.run.ForecastRun;
import org.nyc311.forecastservice.run.ForecastRunRepository;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.forecastservice.training.TrainingQueue;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.DailyCount;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.service.web.ApiProblemsAutoConfiguration;
import org.nyc311.testsupport.spring.HttpInterfaceClientExtension;
import org.nyc311.testsupport.spring.ServletWebSlice;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The contract on a real socket: forecast-service's controllers, with their stores replaced, behind a
 * real server on a random port, called through an HTTP interface client of {@link ForecastServiceApi}
 * as anomaly-service and the dashboard call it. What a controller writes is what the client reads,
 * field for field; the paths and parameters of the interface are the ones the server maps.
 */
@ExtendWith(HttpInterfaceClientExtension.class)
@SpringBootTest(
        classes = ForecastApiContractTest.WebSlice.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // no MLflow: a server another test class started in this JVM leaves its URI in the system properties
        properties = "nyc311.mlflow.tracking-uri=")
class ForecastApiContractTest {

    /** Only the web layer: the controllers and this service's problem handler on a real server. */
    // a plain @Configuration: a @SpringBootConfiguration here would be the one the package's @WebMvcTest slices find
    @Configuration(proxyBeanMethods = false)
    @ServletWebSlice
    @ImportAutoConfiguration(ApiProblemsAutoConfiguration.class)
    @Import({
        ForecastController.class,
        SeriesController.class,
        ModelController.class,
        RunsController.class,
        ApiExceptionHandler.class,
        org.nyc311.forecastservice.fit.OnDemandFits.class
    })
    @EnableConfigurationProperties({ForecastProperties.class, MlflowProperties.class})
    static class WebSlice {}

    private static final SeriesKey BROOKLYN_NOISE = SeriesKey.of("noise-residential", Borough.BROOKLYN);
    private static final LocalDate LAST = LocalDate.of(2026, 5, 31);
    private static final UUID RUN = UUID.fromString("6a1f0c1e-2f64-4c43-9a5e-0d8b1f1f7e21");

    @MockitoBean
    private ForecastRunRepository runs;

    @MockitoBean
    private GoldReader gold;

    @MockitoBean
    private SeriesFitter fitter;

    @MockitoBean
    private TrainingQueue worker;

    @Test
    void theCatalogReadsAsTheServerWroteItAndTheFiltersArriveAsKeys(ForecastServiceApi api) {
        when(gold.catalog(Optional.of("noise-residential"), Optional.of("brooklyn")))
                .thenReturn(List.of(new SeriesView(
                        "noise-residential/brooklyn",
                        "type_borough",
                        "noise-residential",
                        "Noise - Residential",
                        "brooklyn",
                        LocalDate.of(2023, 1, 1),
                        LAST,
                        LAST.minusDays(1),
                        84.5,
                        1247,
                        true)));

        List<SeriesView> catalog = api.series(Optional.of("Noise - Residential"), Optional.of("Brooklyn"));

        assertThat(catalog)
                .containsExactly(new SeriesView(
                        "noise-residential/brooklyn",
                        "type_borough",
                        "noise-residential",
                        "Noise - Residential",
                        "brooklyn",
                        LocalDate.of(2023, 1, 1),
                        LAST,
                        LAST.minusDays(1),
                        84.5,
                        1247,
                        true));
        when(gold.catalog(Optional.empty(), Optional.empty())).thenReturn(List.of());
        assertThat(api.series(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void aSeriesHistoryTravelsWithIsoDates(ForecastServiceApi api) {
        when(gold.catalogEntry(BROOKLYN_NOISE))
                .thenReturn(Optional.of(new SeriesView(
                        "noise-residential/brooklyn",
                        "type_borough",
                        "noise-residential",
                        "Noise - Residential",
                        "brooklyn",
                        LocalDate.of(2023, 1, 1),
                        LAST,
                        LAST,
                        84.5,
                        1247,
                        true)));
        when(gold.dailyCounts(BROOKLYN_NOISE, LAST.minusDays(1), LAST))
                .thenReturn(List.of(
                        new DailyCount(BROOKLYN_NOISE, LAST.minusDays(1), 80),
                        new DailyCount(BROOKLYN_NOISE, LAST, 91)));

        assertThat(api.history("noise-residential", "brooklyn", LAST.minusDays(1), LAST))
                .containsExactly(new DailyCountView(LAST.minusDays(1), 80), new DailyCountView(LAST, 91));
    }

    @Test
    void severalSeriesHistoriesTravelInOneReadAndTooManySeriesAreA400(ForecastServiceApi api) {
        SeriesKey citywide = SeriesKey.citywide();
        when(gold.dailyCounts(List.of(citywide, BROOKLYN_NOISE), LAST.minusDays(1), LAST))
                .thenReturn(java.util.Map.of(
                        citywide.id(),
                        List.of(new DailyCount(citywide, LAST, 9100)),
                        BROOKLYN_NOISE.id(),
                        List.of(
                                new DailyCount(BROOKLYN_NOISE, LAST.minusDays(1), 80),
                                new DailyCount(BROOKLYN_NOISE, LAST, 91))));

        List<SeriesHistoryView> read =
                api.histories(List.of("all/all", "noise-residential/brooklyn", "all/all"), LAST.minusDays(1), LAST);

        assertThat(read)
                .containsExactlyInAnyOrder(
                        new SeriesHistoryView("all/all", List.of(new DailyCountView(LAST, 9100))),
                        new SeriesHistoryView(
                                "noise-residential/brooklyn",
                                List.of(new DailyCountView(LAST.minusDays(1), 80), new DailyCountView(LAST, 91))));
        List<String> tooMany = java.util.stream.IntStream.rangeClosed(0, SeriesApi.MAX_SERIES_PER_READ)
                .mapToObj(i -> "all/all")
                .toList();
        assertThatThrownBy(() -> api.histories(tooMany, LAST, LAST))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
        assertThatThrownBy(() -> api.histories(List.of("not-a-series"), LAST, LAST))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
    }

    @Test
    void aStoredForecastReadsWithItsPointsAndANotFoundIsA404(ForecastServiceApi api) {
        List<ForecastPoint> points = List.of(
                new ForecastPoint(LAST.plusDays(1), 90.25, 70.5, 112, 0.95),
                new ForecastPoint(LAST.plusDays(2), 88, 66, 113.75, 0.95));
        when(runs.latest(eq("noise-residential/brooklyn"), eq(2), eq(Optional.of(LocalDate.of(2026, 6, 1)))))
                .thenReturn(Optional.of(stored(points)));

        StoredForecastView read = api.latest("noise-residential", "brooklyn", 2, "2026-06-01");

        assertThat(read)
                .isEqualTo(new StoredForecastView(
                        "noise-residential/brooklyn", RUN, "prophet", "mlflow-7", 42L, LAST, 2, points));
        when(runs.latest(eq("rodent/queens"), anyInt(), any())).thenReturn(Optional.empty());
        assertThatThrownBy(() -> api.latest("rodent", "queens", null, null))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void aRunsForecastsReadInOneAnswerAndAnUnknownRunIsA404(ForecastServiceApi api) {
        List<ForecastPoint> points = List.of(new ForecastPoint(LAST.plusDays(1), 90.25, 70.5, 112, 0.95));
        ForecastRun succeeded = new ForecastRun(
                RUN,
                ForecastRun.Trigger.MANUAL,
                null,
                null,
                42L,
                LAST,
                14,
                ForecastRun.Status.SUCCEEDED,
                LocalDate.of(2023, 6, 1),
                LAST,
                1,
                0,
                null,
                null,
                null,
                null,
                null,
                1,
                Instant.parse("2026-06-01T06:00:00Z"),
                Instant.parse("2026-06-01T06:04:00Z"),
                ForecastRun.TrackingStatus.DISABLED,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        when(runs.find(RUN)).thenReturn(Optional.of(succeeded));
        when(runs.seriesWithPoints(RUN)).thenReturn(List.of(stored(points)));

        assertThat(api.ofRun(RUN.toString()))
                .isEqualTo(new RunForecastsView(
                        RUN,
                        List.of(new StoredForecastView(
                                "noise-residential/brooklyn", RUN, "prophet", "mlflow-7", 42L, LAST, 1, points))));
        UUID unknown = UUID.fromString("00000000-0000-0000-0000-000000000001");
        when(runs.find(unknown)).thenReturn(Optional.empty());
        assertThatThrownBy(() -> api.ofRun(unknown.toString()))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThatThrownBy(() -> api.ofRun("yesterday"))
                .isInstanceOfSatisfying(
                        HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void pastForecastsAreSharedModelPoints(ForecastServiceApi api) {
        List<ForecastPoint> past = List.of(new ForecastPoint(LAST, 93, 71, 118, 0.95));
        when(runs.pastForecasts("noise-residential/brooklyn", LAST, LAST)).thenReturn(past);

        assertThat(api.past("noise-residential", "brooklyn", LAST.toString(), LAST.toString()))
                .isEqualTo(past);
    }

    @Test
    void anOnDemandForecastOfAPostedHistory(ForecastServiceApi api) {
        List<ForecastPoint> points = List.of(new ForecastPoint(LocalDate.of(2026, 5, 4), 11, 6, 17, 0.95));
        when(fitter.fitNow(any(), eq(1)))
                .thenReturn(new SeriesFit(
                        SeriesKey.citywide(),
                        "seasonal-naive",
                        Map.of("period", "7"),
                        new Accuracy(0.12, 0.1, 0.9, Double.NaN, 14, 0),
                        LocalDate.of(2026, 5, 1),
                        LocalDate.of(2026, 5, 3),
                        points,
                        Duration.ofMillis(5),
                        CalibrationErrors.NONE));

        OnDemandView read = api.onDemand(new OnDemandRequest(
                null,
                List.of(new HistoryDay(LocalDate.of(2026, 5, 1), 10.0), new HistoryDay(LocalDate.of(2026, 5, 3), 12.0)),
                1));

        assertThat(read)
                .isEqualTo(new OnDemandView(
                        null,
                        "seasonal-naive",
                        Map.of("period", "7"),
                        new CrossValidation(0.12, 0.1, 0.9, null, 14),
                        LocalDate.of(2026, 5, 1),
                        LocalDate.of(2026, 5, 3),
                        points));
    }

    @Test
    void aModelReadsWithItsCrossValidation(ForecastServiceApi api) {
        when(runs.latest("noise-residential/brooklyn", 0)).thenReturn(Optional.of(stored(List.of())));

        ModelView read = api.model("noise-residential", "brooklyn");

        assertThat(read)
                .isEqualTo(new ModelView(
                        "noise-residential/brooklyn",
                        RUN,
                        "prophet",
                        Map.of("changepoints", "25"),
                        new CrossValidation(0.08, 0.07, 0.7, 0.95, 28),
                        LocalDate.of(2023, 6, 1),
                        LAST,
                        "mlflow-7",
                        null,
                        null,
                        "3"));
    }

    @Test
    void trainingsReadAndAStartIsAccepted(ForecastServiceApi api) {
        ForecastRun run = new ForecastRun(
                RUN,
                ForecastRun.Trigger.MANUAL,
                null,
                null,
                42L,
                LAST,
                14,
                ForecastRun.Status.SUCCEEDED,
                LocalDate.of(2023, 6, 1),
                LAST,
                310,
                2,
                0.081,
                0.072,
                0.71,
                0.946,
                null,
                1,
                Instant.parse("2026-06-01T06:00:00Z"),
                Instant.parse("2026-06-01T06:04:00Z"),
                ForecastRun.TrackingStatus.TRACKED,
                1,
                null,
                "mlflow-parent",
                "3",
                true,
                Instant.parse("2026-06-01T06:04:01Z"),
                "instance-a",
                null);
        RunView expected = new RunView(
                RUN,
                "MANUAL",
                null,
                "SUCCEEDED",
                42L,
                LocalDate.of(2023, 6, 1),
                LAST,
                14,
                310,
                2,
                new CrossValidation(0.081, 0.072, 0.71, 0.946, 0),
                "TRACKED",
                1,
                "mlflow-parent",
                "3",
                true,
                true,
                null);
        when(runs.recent(50)).thenReturn(List.of(run));
        when(runs.find(RUN)).thenReturn(Optional.of(run));
        when(runs.queueManual(anyInt(), anyBoolean())).thenReturn(new ForecastRunRepository.QueuedManual(RUN, true));

        assertThat(api.recent()).containsExactly(expected);
        assertThat(api.run(RUN)).isEqualTo(expected);
        assertThat(api.start()).isEqualTo(expected);
        verify(worker).submit(RUN);
    }

    private static StoredSeriesForecast stored(List<ForecastPoint> points) {
        return new StoredSeriesForecast(
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
                LAST,
                "mlflow-7",
                "5",
                "3",
                42L,
                points);
    }
}
