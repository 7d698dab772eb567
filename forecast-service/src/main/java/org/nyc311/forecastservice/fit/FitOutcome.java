package org.nyc311.forecastservice.fit;

import java.util.List;
import org.nyc311.forecast.metrics.Accuracy;

/** Every series of a training: those fitted and those that failed, with why. */
public record FitOutcome(List<SeriesFit> fitted, List<Failure> failed) {

    public FitOutcome {
        fitted = List.copyOf(fitted);
        failed = List.copyOf(failed);
    }

    public record Failure(String seriesId, String error) {}

    /**
     * The series' CV accuracy pooled by their CV points (forecast-engine's {@link Accuracy#pooled}: series without
     * cross-validation, too short for it, do not count).
     */
    public Accuracy pooled() {
        return Accuracy.pooled(fitted.stream().map(SeriesFit::crossValidation).toList());
    }
}
