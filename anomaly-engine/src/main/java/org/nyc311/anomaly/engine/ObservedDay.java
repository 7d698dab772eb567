package org.nyc311.anomaly.engine;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of a series as the detector sees it: what happened, and the interval forecast for that day
 * made before it happened (for anomaly-service, the stored forecast with the shortest horizon to it).
 */
public record ObservedDay(LocalDate date, double actual, double yhat, double lower, double upper) {

    public ObservedDay {
        Objects.requireNonNull(date, "date");
        if (!Double.isFinite(actual) || !Double.isFinite(yhat) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("actual and forecast for " + date + " must be finite: actual " + actual
                    + ", yhat " + yhat + ", interval [" + lower + ", " + upper + "]");
        }
        if (lower > upper) {
            throw new IllegalArgumentException("interval for " + date + " is inverted: [" + lower + ", " + upper + "]");
        }
    }

    public double residual() {
        return actual - yhat;
    }

    public Breach breach() {
        if (actual > upper) {
            return Breach.SPIKE;
        }
        return actual < lower ? Breach.DROP : Breach.NONE;
    }
}
