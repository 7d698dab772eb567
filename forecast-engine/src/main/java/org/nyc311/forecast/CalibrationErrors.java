package org.nyc311.forecast;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The chosen model's errors at its calibration origins, in requests (actual minus forecast): what the reconciliation
 * across series ({@link org.nyc311.forecast.reconcile.MinTReconciliation}) learns their covariance from. Origins are
 * cut back from the end of the history a week apart, so series that end on the same day have their origins on the
 * same dates and their errors line up by {@link #origins()}.
 *
 * @param origins the first forecast day of each origin, latest first
 * @param errors  {@code errors[k][h]}: the error on day {@code h} after origin {@code k}
 */
public record CalibrationErrors(List<LocalDate> origins, double[][] errors) {

    /** No origins: a history too short (or all zero) to have any. */
    public static final CalibrationErrors NONE = new CalibrationErrors(List.of(), new double[0][]);

    public CalibrationErrors {
        origins = List.copyOf(origins);
        Objects.requireNonNull(errors, "errors");
        if (errors.length != origins.size()) {
            throw new IllegalArgumentException(errors.length + " rows of errors for " + origins.size() + " origins");
        }
        double[][] copy = new double[errors.length][];
        for (int k = 0; k < errors.length; k++) {
            copy[k] = errors[k].clone();
        }
        errors = copy;
    }

    /** The error {@code step} days after the origin starting on {@code origin}, or NaN when there is none. */
    public double error(LocalDate origin, int step) {
        int k = origins.indexOf(origin);
        return k < 0 || step >= errors[k].length ? Double.NaN : errors[k][step];
    }

    public boolean isEmpty() {
        return origins.isEmpty();
    }

    @Override
    public double[][] errors() {
        double[][] copy = new double[errors.length][];
        for (int k = 0; k < errors.length; k++) {
            copy[k] = errors[k].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalibrationErrors other
                && origins.equals(other.origins)
                && Arrays.deepEquals(errors, other.errors);
    }

    @Override
    public int hashCode() {
        return 31 * origins.hashCode() + Arrays.deepHashCode(errors);
    }

    @Override
    public String toString() {
        return "CalibrationErrors[origins=" + origins.size() + "]";
    }
}
