package org.nyc311.anomaly.engine;

/** The interval forecast for one day, as a caller stores it: what {@link ObservedSegments} pairs with the day's actual. */
public interface IntervalForecast {

    double yhat();

    double lower();

    double upper();
}
