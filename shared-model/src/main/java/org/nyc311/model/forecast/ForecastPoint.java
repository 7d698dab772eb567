package org.nyc311.model.forecast;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The forecast of one day: the expected count and a central prediction interval at {@code level}
 * (0.95 for the usual 95% interval).
 */
public record ForecastPoint(LocalDate date, double yhat, double lower, double upper, double level) {

    public ForecastPoint {
        Objects.requireNonNull(date, "date");
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must lie strictly between 0 and 1: " + level);
        }
        if (!(lower <= yhat && yhat <= upper)) {
            throw new IllegalArgumentException("forecast for " + date + " must satisfy lower <= yhat <= upper: " + lower
                    + ", " + yhat + ", " + upper);
        }
    }

    public boolean contains(double actual) {
        return lower <= actual && actual <= upper;
    }
}
