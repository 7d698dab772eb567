/** Forecast runs, series forecasts and points in PostgreSQL, and the ForecastsPublished a run announces. */
package org.nyc311.forecastservice.run;
