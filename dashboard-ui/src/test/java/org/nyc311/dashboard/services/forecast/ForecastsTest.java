package org.nyc311.dashboard.services.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nyc311.api.forecast.CrossValidation;
import org.nyc311.api.forecast.ModelView;
import org.nyc311.api.forecast.RunView;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.dashboard.services.ServiceUnavailableException;
import org.nyc311.dashboard.services.TestServices;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.testsupport.net.JsonStubServer;
import org.nyc311.testsupport.samples.BrooklynNoise;
import org.springframework.web.client.RestClient;

/**
 * The dashboard's forecast-service client against a real socket answering with forecast-service's own records, written
 * as it writes them (its ForecastApiContractTest proves its controllers write these records at these paths).
 */
class ForecastsTest {

    private static final LocalDate LAST = LocalDate.of(2026, 5, 31);
    private static final UUID RUN = UUID.fromString("6a1f0c1e-2f64-4c43-9a5e-0d8b1f1f7e21");

    @RegisterExtension
    final JsonStubServer forecastService = new JsonStubServer();

    private final Forecasts forecasts = new Forecasts(TestServices.at(forecastService.baseUri()), RestClient.builder());

    @Test
    void theCatalogAndTheTrainingsRead() {
        SeriesView series = BrooklynNoise.catalogRow(LAST);
        RunView run = new RunView(
                RUN,
                "EVENT",
                UUID.randomUUID(),
                "SUCCEEDED",
                42L,
                LAST.minusYears(3),
                LAST,
                14,
                310,
                2,
                new CrossValidation(0.08, null, 0.7, 0.95, 0),
                "TRACKED",
                1,
                "mlflow-7",
                "3",
                true,
                true,
                null);
        forecastService.answer("/api/v1/series", List.of(series)).answer("/api/v1/forecast-runs", List.of(run));

        assertThat(forecasts.catalog()).containsExactly(series);
        assertThat(forecasts.trainings()).containsExactly(run);
    }

    @Test
    void aStoredForecastAndTheOneMadeBeforeADayAndNoneIsEmpty() {
        StoredForecastView stored = new StoredForecastView(
                "noise-residential/brooklyn",
                RUN,
                "prophet",
                "mlflow-7",
                42L,
                LAST,
                1,
                List.of(new ForecastPoint(LAST.plusDays(1), 90.25, 70.5, 112, 0.95)));
        forecastService.answer("/api/v1/forecasts/noise-residential/brooklyn", stored);

        assertThat(forecasts.latest("noise-residential/brooklyn")).contains(stored);
        assertThat(forecasts.madeBefore("noise-residential/brooklyn", LAST)).contains(stored);
        assertThat(forecastService.asked().get(1).getQuery()).isEqualTo("madeBefore=2026-05-31");
        assertThat(forecasts.latest("rodent/queens")).isEmpty();
    }

    @Test
    void pastForecastsAndAModel() {
        List<ForecastPoint> past = List.of(new ForecastPoint(LAST, 93, 71, 118, 0.95));
        ModelView model = new ModelView(
                "all/all",
                RUN,
                "ets",
                Map.of("alpha", "0.3"),
                new CrossValidation(0.05, 0.04, 0.6, 0.94, 28),
                LAST.minusYears(3),
                LAST,
                "mlflow-7",
                "http://mlflow/#/experiments/1/runs/mlflow-7",
                "http://mlflow/#/experiments/1/runs/mlflow-7/artifactPath/series/metrics.csv",
                "3");
        forecastService.answer("/api/v1/forecasts/all/all/past", past).answer("/api/v1/models/all/all", model);

        assertThat(forecasts.past("all/all", LAST, LAST)).isEqualTo(past);
        assertThat(forecastService.asked().get(0).getQuery()).isEqualTo("from=2026-05-31&to=2026-05-31");
        assertThat(forecasts.model("all/all")).contains(model);
        assertThat(forecasts.model("rodent/queens")).isEmpty();
    }

    @Test
    void anOutageIsUnavailableByName() {
        forecastService.status("/api/v1/series", 503);

        assertThatThrownBy(() -> forecasts.catalog())
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessage("forecast-service unavailable: it answered 503");
    }
}
