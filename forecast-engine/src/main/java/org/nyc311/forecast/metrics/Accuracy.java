package org.nyc311.forecast.metrics;

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
}
