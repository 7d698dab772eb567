package org.nyc311.forecast;

/** The kinds of model the selector may choose between for a series. */
public enum ModelFamily {
    /**
     * Next week is this week again. Without holiday adjustment it is the yardstick every other model
     * must beat; with it (the default in the race), this week's days off are evened out and next week's applied.
     */
    SEASONAL_NAIVE,
    /** The average of the last k weeks, weekday by weekday, on the log scale. */
    SEASONAL_AVERAGE,
    /** Exponential smoothing with weekly seasonality and a damped trend. */
    EXPONENTIAL_SMOOTHING,
    /** The Prophet-style decomposable model: trend with changepoints, Fourier seasonality, holidays. */
    PROPHET,
    /** A weighted average of the best model of each other family. */
    ENSEMBLE
}
