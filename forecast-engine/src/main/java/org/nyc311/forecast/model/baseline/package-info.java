/**
 * Strong simple baselines: seasonal naive, seasonal average, exponential smoothing, and the short-history default.
 */
@NullMarked
package org.nyc311.forecast.model.baseline;

import org.jspecify.annotations.NullMarked;
