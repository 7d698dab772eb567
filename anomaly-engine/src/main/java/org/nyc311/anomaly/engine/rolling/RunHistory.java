package org.nyc311.anomaly.engine.rolling;

/**
 * What the forecast for a day does with the days just before it that are part of a spike run (flagged,
 * or raised under the sustained-rise rule): the "open run" on the morning the day is forecast.
 *
 * <p>Refitted every morning on everything before the day, the forecasting engine moves toward a spike
 * that has begun: its second and third days are judged against forecasts that already hold its first,
 * and are flagged less often than its first day (the "refitting loss" in docs/BENCHMARKS.md). Holding
 * the open run out of the history judges the run's later days against what was expected before it.
 * At most {@link RollingDetector#MAX_HELD_OUT_DAYS} days are held out, so that a rise lasting longer
 * than a week becomes part of the history, and the forecasts, instead of holding its alert open for good.
 * Once the run ends its days are back in every later history as they were.
 *
 * <p>Only {@link RollingDetector} fits forecasts, so only it can do this; anomaly-service judges the
 * forecasts forecast-service stored, which are fitted on the actual counts ({@link #KEEP}).
 */
public enum RunHistory {
    /** The run's days stay in the history as they were. */
    KEEP,
    /** Each day of the open run is replaced by its own forecast (its {@code yhat}), as if it had been ordinary. */
    FORECAST,
    /**
     * Each day of the open run is capped at its own upper bound: the rise stays in the history, but no day
     * counts for more than its interval allowed (the "cleaning" of robust exponential smoothing). Days
     * inside their interval (raised days) are unchanged.
     */
    CAP_AT_UPPER
}
