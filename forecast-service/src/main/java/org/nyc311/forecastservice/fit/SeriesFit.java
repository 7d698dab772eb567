package org.nyc311.forecastservice.fit;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nyc311.forecast.CalibrationErrors;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.model.forecast.ForecastPoint;
import org.nyc311.model.series.SeriesKey;

/**
 * One series fitted: the model chosen, its evidence, and the forecast in shared-model's points.
 *
 * @param historyStart the first day the model saw
 * @param historyEnd the last day the model saw
 * @param calibrationErrors the model's errors at its calibration origins, which the reconciliation of the levels
 *     weighs the series by (never stored)
 */
public record SeriesFit(
        SeriesKey key,
        String model,
        Map<String, String> hyperparameters,
        Accuracy crossValidation,
        LocalDate historyStart,
        LocalDate historyEnd,
        List<ForecastPoint> points,
        Duration took,
        CalibrationErrors calibrationErrors) {

    public SeriesFit {
        hyperparameters = Map.copyOf(hyperparameters);
        points = List.copyOf(points);
        Objects.requireNonNull(calibrationErrors, "calibrationErrors");
    }

    /** This fit with other points: the same model and evidence, its forecast reconciled with the other levels'. */
    public SeriesFit withPoints(List<ForecastPoint> reconciled, String reconciliation) {
        Map<String, String> labelled = new java.util.TreeMap<>(hyperparameters);
        labelled.put(RECONCILIATION, reconciliation);
        return new SeriesFit(
                key, model, labelled, crossValidation, historyStart, historyEnd, reconciled, took, calibrationErrors);
    }

    /** The hyperparameter that names how a stored forecast was reconciled with the other levels, when it was. */
    public static final String RECONCILIATION = "reconciliation";
}
