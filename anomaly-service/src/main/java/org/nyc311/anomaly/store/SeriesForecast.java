package org.nyc311.anomaly.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.forecast.StoredForecastView;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * A series' forecast as this service takes it into its snapshot: the run id is kept as text, as the
 * snapshot and every anomaly record it.
 *
 * @param lastActualDate the last day of history the forecast saw: a point's horizon counts from it
 */
public record SeriesForecast(
        String seriesId, @Nullable String forecastRunId, LocalDate lastActualDate, List<ForecastPoint> points) {

    public static SeriesForecast of(StoredForecastView stored) {
        return new SeriesForecast(
                stored.seriesId(),
                Objects.toString(stored.forecastRunId(), null),
                stored.lastActualDate(),
                stored.points());
    }
}
