/**
 * Strong simple baselines: seasonal naive, seasonal average, exponential smoothing, and the short-history default.
 */
package org.nyc311.forecast.model.baseline;
