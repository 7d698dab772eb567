package org.nyc311.forecast;

import java.time.LocalDate;

/** One forecast day: the point forecast and its interval at the given level (e.g. 0.95). */
public record ForecastPoint(LocalDate date, double yhat, double lower, double upper, double level) {}
