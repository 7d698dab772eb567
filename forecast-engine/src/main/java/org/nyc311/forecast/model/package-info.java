/**
 * The model contract: settings-only {@link org.nyc311.forecast.model.ForecastModel}s that fit into {@link org.nyc311.forecast.model.FittedModel}s.
 */
package org.nyc311.forecast.model;
