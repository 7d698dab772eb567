package org.nyc311.forecastservice.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nyc311.model.forecast.ForecastPoint;

/** The JSON shapes of the REST API. */
final class ApiViews {

    private ApiViews() {
    }

    @Schema(description = "One series of gold's catalog")
    record SeriesView(String seriesId, String level, String complaintTypeKey, String complaintType, String borough,
            LocalDate firstDate, LocalDate lastDate, LocalDate lastNonzeroDate, double meanCount, long days, boolean forecastable) {
    }

    @Schema(description = "Cross-validation accuracy on the series' own rolling origins; null where undefined")
    record CrossValidation(Double mape, Double wape, Double mase, Double coverage, int points) {
    }

    @Schema(description = "A series' newest stored forecast, traceable to its forecast run, model and MLflow run")
    record StoredForecastView(String seriesId, UUID forecastRunId, String model, String mlflowRunId, Long goldVersion,
            LocalDate lastActualDate, int horizon, List<ForecastPoint> points) {
    }

    @Schema(description = "An on-demand forecast: a stored series id, or a posted history; horizon 1 to 90 days")
    record OnDemandRequest(
            @Schema(example = "noise-residential/brooklyn") String seriesId,
            List<HistoryDay> history,
            @Schema(example = "14") Integer horizon) {
    }

    record HistoryDay(LocalDate date, Double count) {
    }

    @Schema(description = "One day's actual count of a series, from gold")
    record DailyCountView(@Schema(example = "2026-05-01") LocalDate date, @Schema(example = "12") long count) {
    }

    @Schema(description = "A forecast fitted now; nothing is stored")
    record OnDemandView(String seriesId, String model, Map<String, String> hyperparameters, CrossValidation crossValidation,
            LocalDate historyStart, LocalDate historyEnd, List<ForecastPoint> points) {
    }

    @Schema(description = "The model of a series' newest stored forecast")
    record ModelView(String seriesId, UUID forecastRunId, String model, Map<String, String> hyperparameters,
            CrossValidation crossValidation, LocalDate historyStart, LocalDate historyEnd, String mlflowRunId,
            String mlflowParentRunId, String mlflowRunUrl, String registeredModelVersion) {
    }

    @Schema(description = "A training run")
    record RunView(UUID forecastRunId, String trigger, UUID eventId, String status, Long goldVersion, LocalDate historyStart,
            LocalDate lastActualDate, int horizonDays, int seriesForecast, int seriesFailed, CrossValidation pooled,
            String trackingStatus, int trackingAttempts, String mlflowRunId, String modelVersion, Boolean champion,
            boolean published, String error) {
    }
}
