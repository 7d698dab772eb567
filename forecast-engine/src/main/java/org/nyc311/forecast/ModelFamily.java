package org.nyc311.forecast;

/** The kinds of model the selector may choose between for a series. */
public enum ModelFamily {
    /** Next week is this week again. The yardstick every other model must beat. */
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
