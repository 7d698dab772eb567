package org.nyc311.anomaly.engine;

/** Where a day's actual fell against its interval. */
public enum Breach {
    /** Inside the interval (bounds included). */
    NONE,
    /** Above the upper bound: what alerts are about. */
    SPIKE,
    /** Below the lower bound: recorded; alerts only when {@link DetectionSettings#dropsAlert()} is on. */
    DROP
}
