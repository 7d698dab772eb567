package org.nyc311.forecast.metrics;

import java.util.Collection;

/**
 * Forecast accuracy over a set of forecast days.
 *
 * <p>MAPE is undefined on days whose actual is zero; those days are left out of MAPE only (and
 * counted in {@code zeroActualDays}), and MAPE is NaN when every actual is zero. WAPE, MASE and
 * coverage use every day.
 *
 * @param mape           mean absolute percentage error over days with a non-zero actual, in percent
 * @param wape           sum of absolute errors over sum of actuals, in percent
 * @param mase           mean absolute error scaled by the in-sample MAE of the weekly seasonal naive
 * @param coverage       share of actuals inside the interval, 0..1 (NaN if no interval was given)
 * @param points         forecast days evaluated
 * @param zeroActualDays days left out of MAPE because the actual was zero
 */
public record Accuracy(double mape, double wape, double mase, double coverage, int points, int zeroActualDays) {

    public static final Accuracy NONE = new Accuracy(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);

    /**
     * The accuracies of many series pooled, each weighed by its points, so that a series with few forecast days
     * counts for little (one without any, too short for cross-validation, not at all). MAPE is pooled over the days
     * it is defined on; an undefined WAPE, MASE or coverage adds nothing. {@link #NONE} when no series has a point.
     */
    public static Accuracy pooled(Collection<Accuracy> accuracies) {
        double mape = 0, wape = 0, mase = 0, coverage = 0;
        long mapePoints = 0, points = 0, zeros = 0;
        for (Accuracy a : accuracies) {
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
            return NONE;
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
