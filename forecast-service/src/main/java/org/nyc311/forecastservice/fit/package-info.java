/** Fitting series with forecast-engine in a bounded pool, and pooling their cross-validation accuracy. */
@NullMarked
package org.nyc311.forecastservice.fit;

import org.jspecify.annotations.NullMarked;
