/**
 * The benchmark (accuracy on real series, speed on seeded synthetic ones) and its data sources.
 */
package org.nyc311.forecast.bench;
