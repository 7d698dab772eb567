package org.nyc311.dashboard.services.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** forecast-service's JSON as the dashboard reads it (its web/ApiViews; unknown fields are ignored). */
public final class ForecastViews {

    private ForecastViews() {
    }

    public record Series(String seriesId, String level, String complaintTypeKey, String complaintType, String borough,
            LocalDate firstDate, LocalDate lastDate, double meanCount, long days, boolean forecastable) {
    }

    public record Point(LocalDate date, double yhat, double lower, double upper, double level) {
    }

    public record StoredForecast(String seriesId, UUID forecastRunId, String model, String mlflowRunId,
            LocalDate lastActualDate, int horizon, List<Point> points) {

        public StoredForecast {
            points = points == null ? List.of() : List.copyOf(points);
        }
    }

    /** One day's actual count of a series, from gold. */
    public record DailyCount(LocalDate date, long count) {
    }

    /** Null where a measure is undefined (e.g. MAPE on a series with zero days). */
    public record CrossValidation(Double mape, Double wape, Double mase, Double coverage, int points) {
    }

    public record Model(String seriesId, UUID forecastRunId, String model, Map<String, String> hyperparameters,
            CrossValidation crossValidation, LocalDate historyStart, LocalDate historyEnd, String mlflowRunId,
            String mlflowRunUrl, String registeredModelVersion) {
    }

    public record Training(UUID forecastRunId, String trigger, String status, LocalDate lastActualDate, int seriesForecast,
            int seriesFailed, CrossValidation pooled, String mlflowRunId, Boolean champion, boolean published, String error) {
    }
}
