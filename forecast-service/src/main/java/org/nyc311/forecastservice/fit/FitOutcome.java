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
     * The series' CV accuracy pooled by their CV points (series without cross-validation, too short
     * for it, do not count). MAPE is pooled over the points it was defined on.
     */
    public Accuracy pooled() {
        double mape = 0, wape = 0, mase = 0, coverage = 0;
        long mapePoints = 0, points = 0, zeros = 0;
        for (SeriesFit fit : fitted) {
            Accuracy a = fit.crossValidation();
            if (a.points() == 0) {
                continue;
            }
            int mp = a.points() - a.zeroActualDays();
            if (Double.isFinite(a.mape()) && mp > 0) {
                mape += a.mape() * mp;
                mapePoints += mp;
            }
            wape += finite(a.wape()) * a.points();
            mase += finite(a.mase()) * a.points();
            coverage += finite(a.coverage()) * a.points();
            points += a.points();
            zeros += a.zeroActualDays();
        }
        if (points == 0) {
            return Accuracy.NONE;
        }
        return new Accuracy(
                mapePoints == 0 ? Double.NaN : mape / mapePoints,
                wape / points,
                mase / points,
                coverage / points,
                (int) points,
                (int) zeros);
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
