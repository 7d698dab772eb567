/** Forecast runs, series forecasts and points in PostgreSQL, and the ForecastsPublished a run announces. */
@NullMarked
package org.nyc311.forecastservice.run;

import org.jspecify.annotations.NullMarked;
