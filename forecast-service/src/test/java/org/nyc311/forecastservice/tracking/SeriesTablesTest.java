package org.nyc311.forecastservice.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.forecastservice.run.StoredSeriesForecast;
import org.nyc311.model.forecast.ForecastPoint;

class SeriesTablesTest {

    private static final UUID RUN = UUID.randomUUID();

    @Test
    void theForecastsTableIsOneLinePerSeriesAndDayWithNumbersAsJavaPrintsThem() throws Exception {
        StoredSeriesForecast brooklyn = series(
                "noise-residential/brooklyn",
                "prophet",
                Map.of(),
                null,
                List.of(
                        new ForecastPoint(LocalDate.of(2026, 3, 2), 120.5, 100.0, 141.25, 0.95),
                        new ForecastPoint(LocalDate.of(2026, 3, 3), 0.0, 0.0, 3.0, 0.95)));
        StoredSeriesForecast city = series(
                "all/all",
                "ets",
                Map.of(),
                null,
                List.of(new ForecastPoint(LocalDate.of(2026, 3, 2), 9001.0, 8500.0, 9600.0, 0.95)));

        assertThat(SeriesTables.forecasts(List.of(brooklyn, city)))
                .isEqualTo("series_id,date,yhat,yhat_lower,yhat_upper,level\n"
                        + "noise-residential/brooklyn,2026-03-02,120.5,100.0,141.25,0.95\n"
                        + "noise-residential/brooklyn,2026-03-03,0.0,0.0,3.0,0.95\n"
                        + "all/all,2026-03-02,9001.0,8500.0,9600.0,0.95\n");
    }

    @Test
    void theMetricsTableHasAColumnForEveryHyperparameterAnyModelHasAndLeavesTheOthersEmpty() throws Exception {
        StoredSeriesForecast prophet = series(
                "noise-residential/brooklyn",
                "prophet",
                Map.of("seasonality", "weekly, yearly", "changepoints", "25"),
                0.125,
                List.of());
        StoredSeriesForecast ets = series("all/all", "ets", Map.of("alpha", "0.3"), Double.NaN, List.of());

        assertThat(SeriesTables.metrics(List.of(prophet, ets)))
                .isEqualTo(
                        "series_id,model,history_start,history_end,cv_mape,cv_wape,cv_mase,cv_coverage,cv_points,hp.alpha,hp.changepoints,"
                                + "hp.seasonality\n"
                                + "noise-residential/brooklyn,prophet,2026-01-01,2026-03-01,0.2,0.125,0.8,0.95,28,,25,\"weekly, yearly\"\n"
                                + "all/all,ets,2026-01-01,2026-03-01,0.2,,0.8,0.95,28,0.3,,\n");
    }

    private static StoredSeriesForecast series(
            String id, String model, Map<String, String> hyperparameters, Double wape, List<ForecastPoint> points) {
        return new StoredSeriesForecast(
                RUN,
                id,
                model,
                hyperparameters,
                0.2,
                wape,
                0.8,
                0.95,
                28,
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 3, 1),
                null,
                null,
                null,
                null,
                points);
    }
}
