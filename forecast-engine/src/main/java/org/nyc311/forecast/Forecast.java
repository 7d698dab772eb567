package org.nyc311.forecast;

import java.util.List;
import java.util.Map;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.model.forecast.ForecastPoint;

/**
 * A forecast for one series and the evidence for it.
 *
 * @param model           name of the chosen model, e.g. {@code prophet} or {@code ensemble(prophet+ets)}
 * @param hyperparameters the chosen model's hyperparameters, as strings ready to log (e.g. to MLflow)
 * @param crossValidation accuracy of the chosen model on the series' own rolling origins; its coverage
 *                        is cross-fitted (each origin's interval calibrated on the other origins)
 * @param leaderboard     every candidate tried, best first, with its cross-validation error
 * @param points          one point per day of the horizon
 * @param calibrationErrors the chosen model's errors at its calibration origins ({@link CalibrationErrors#NONE} for
 *                        a history too short for them): what a reconciliation across series weighs it by
 */
public record Forecast(
        String model,
        Map<String, String> hyperparameters,
        Accuracy crossValidation,
        List<CandidateScore> leaderboard,
        List<ForecastPoint> points,
        CalibrationErrors calibrationErrors) {

    public Forecast {
        java.util.Objects.requireNonNull(calibrationErrors, "calibrationErrors");
        hyperparameters = Map.copyOf(hyperparameters);
        leaderboard = List.copyOf(leaderboard);
        points = List.copyOf(points);
    }

    /** One candidate model and its mean absolute error over the rolling origins of the search. */
    public record CandidateScore(String model, Map<String, String> hyperparameters, double meanAbsoluteError) {
        public CandidateScore {
            hyperparameters = Map.copyOf(hyperparameters);
        }
    }
}
