package org.nyc311.anomaly.forecasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nyc311.anomaly.config.ForecastServiceProperties;
import org.nyc311.anomaly.store.SeriesForecast;
import org.nyc311.api.forecast.RunForecastsView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.testsupport.net.JsonStubServer;
import org.nyc311.testsupport.samples.BrooklynNoise;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The client against a real loopback socket answering with forecast-service's own records, written as it writes
 * them (its ForecastApiContractTest proves its controllers write these records at these paths): what this service
 * takes into its snapshot, a 404 as no forecast, a 5xx as a failure, and the read timeout.
 */
class ForecastServiceClientTest {

    private static final LocalDate LAST = LocalDate.of(2026, 5, 31);
    private static final UUID RUN = UUID.fromString("6a1f0c1e-2f64-4c43-9a5e-0d8b1f1f7e21");

    @RegisterExtension
    final JsonStubServer forecastService = new JsonStubServer();

    private final ForecastServiceClient client = client(Duration.ofSeconds(10));

    @Test
    void theForecastableSeriesOfTheCatalog() {
        forecastService.answer(
                "/api/v1/series",
                List.of(
                        BrooklynNoise.catalogRow(LAST),
                        new SeriesView(
                                "rodent/staten-island",
                                "type_borough",
                                "rodent",
                                "Rodent",
                                "staten-island",
                                LAST.minusDays(20),
                                LAST,
                                LAST.minusDays(9),
                                0.2,
                                21,
                                false)));

        assertThat(client.forecastableSeries()).containsExactly("noise-residential/brooklyn");
        assertThat(forecastService.asked().get(0).getQuery()).isNull();
    }

    @Test
    void aStoredForecastIsTakenWithItsRunIdAsTextAndNoneIsEmpty() {
        List<ForecastPoint> points = List.of(new ForecastPoint(LAST.plusDays(1), 90.25, 70.5, 112, 0.95));
        forecastService.answer(
                "/api/v1/forecasts/noise-residential/brooklyn",
                new StoredForecastView("noise-residential/brooklyn", RUN, "prophet", "mlflow-7", 42L, LAST, 1, points));
        forecastService.answer(
                "/api/v1/forecasts/all/all", new StoredForecastView("all/all", RUN, "ets", null, null, LAST, 0, null));

        assertThat(client.latest(SeriesKey.parse("noise-residential/brooklyn")))
                .contains(new SeriesForecast("noise-residential/brooklyn", RUN.toString(), LAST, points));
        assertThat(client.latest(SeriesKey.citywide()))
                .hasValueSatisfying(f -> assertThat(f.points()).isEmpty());
        assertThat(client.latest(SeriesKey.parse("rodent/queens"))).isEmpty();
    }

    @Test
    void aRunsForecastsAreOneRequestAndAnUnknownRunIsEmpty() {
        List<ForecastPoint> points = List.of(new ForecastPoint(LAST.plusDays(1), 90.25, 70.5, 112, 0.95));
        forecastService.answer(
                "/api/v1/forecasts",
                new RunForecastsView(
                        RUN,
                        List.of(
                                new StoredForecastView(
                                        "noise-residential/brooklyn", RUN, "prophet", "mlflow-7", 42L, LAST, 1, points),
                                new StoredForecastView("all/all", RUN, "ets", null, null, LAST, 0, null))));

        assertThat(client.ofRun(RUN.toString()))
                .hasValueSatisfying(forecasts -> assertThat(forecasts)
                        .containsExactly(
                                new SeriesForecast("noise-residential/brooklyn", RUN.toString(), LAST, points),
                                new SeriesForecast("all/all", RUN.toString(), LAST, List.of())));
        assertThat(forecastService.asked())
                .singleElement()
                .satisfies(uri -> assertThat(uri.getQuery()).isEqualTo("run=" + RUN));

        forecastService.status("/api/v1/forecasts", 404);
        assertThat(client.ofRun(RUN.toString())).isEmpty();
    }

    @Test
    void aServerErrorFailsTheCallAndASlowAnswerTimesOut() {
        forecastService
                .status("/api/v1/series", 503)
                .late("/api/v1/forecasts/noise-residential/brooklyn", Duration.ofSeconds(30));

        assertThatThrownBy(() -> client.forecastableSeries()).isInstanceOf(HttpServerErrorException.class);
        assertThatThrownBy(() -> client(Duration.ofSeconds(1)).latest(SeriesKey.parse("noise-residential/brooklyn")))
                .isInstanceOf(ResourceAccessException.class);
    }

    private ForecastServiceClient client(Duration readTimeout) {
        return new ForecastServiceClient(
                RestClient.builder(),
                new ForecastServiceProperties(forecastService.baseUri(), Duration.ofSeconds(1), readTimeout, null));
    }
}
