package org.nyc311.anomaly.store;

import java.time.LocalDate;
import org.nyc311.anomaly.engine.IntervalForecast;

/** The forecast this service judges a day by: the shortest-horizon one made before it. */
public record SnapshotPoint(
        LocalDate targetDate, String forecastRunId, int horizon, double yhat, double lower, double upper)
        implements IntervalForecast {}
