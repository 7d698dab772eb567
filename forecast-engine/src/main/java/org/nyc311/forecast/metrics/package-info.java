/**
 * Forecast accuracy: MAPE (zero-actual days skipped), WAPE, MASE against the weekly seasonal naive, interval coverage.
 */
package org.nyc311.forecast.metrics;
