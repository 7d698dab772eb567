/** Fitting series with forecast-engine in a bounded pool, and pooling their cross-validation accuracy. */
package org.nyc311.forecastservice.fit;
