package org.nyc311.forecastservice.fit;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.SeriesKey;

/**
 * One series fitted: the model chosen, its evidence, and the forecast in shared-model's points.
 *
 * @param historyStart the first day the model saw
 * @param historyEnd the last day the model saw
 */
public record SeriesFit(
        SeriesKey key,
        String model,
        Map<String, String> hyperparameters,
        Accuracy crossValidation,
        LocalDate historyStart,
        LocalDate historyEnd,
        List<ForecastPoint> points,
        Duration took) {

    public SeriesFit {
        hyperparameters = Map.copyOf(hyperparameters);
        points = List.copyOf(points);
    }
}
