package org.nyc311.forecast.model;

/**
 * The count scale used for fitting: log1p turns weekly and yearly patterns that scale with the
 * level into additive ones, tames storm spikes, and is defined at zero.
 */
public final class LogScale {

    private LogScale() {}

    public static double[] toLog(double[] counts, int length) {
        double[] z = new double[length];
        for (int i = 0; i < length; i++) {
            z[i] = Math.log1p(counts[i]);
        }
        return z;
    }

    /** Back to counts, never below zero (log1p forecasts can dip under zero on sparse series). */
    public static double toCount(double z) {
        return Math.max(0.0, Math.expm1(z));
    }
}
