/**
 * The model contract: settings-only {@link org.nyc311.forecast.model.ForecastModel}s that fit into {@link org.nyc311.forecast.model.FittedModel}s.
 */
@NullMarked
package org.nyc311.forecast.model;

import org.jspecify.annotations.NullMarked;
