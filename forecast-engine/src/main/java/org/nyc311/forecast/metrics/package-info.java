/**
 * Forecast accuracy: MAPE (zero-actual days skipped), WAPE, MASE against the weekly seasonal naive, interval coverage.
 */
@NullMarked
package org.nyc311.forecast.metrics;

import org.jspecify.annotations.NullMarked;
