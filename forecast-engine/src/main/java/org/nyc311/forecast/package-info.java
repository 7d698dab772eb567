/**
 * The forecasting engine's public API: {@link org.nyc311.forecast.SeriesForecaster} turns a series of daily counts into a {@link org.nyc311.forecast.Forecast} with calibrated intervals. Plain Java: no Spring, no static mutable state.
 */
@NullMarked
package org.nyc311.forecast;

import org.jspecify.annotations.NullMarked;
