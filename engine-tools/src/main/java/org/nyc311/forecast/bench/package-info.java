/**
 * The benchmark (accuracy on real series, speed on seeded synthetic ones) and its data sources.
 */
@NullMarked
package org.nyc311.forecast.bench;

import org.jspecify.annotations.NullMarked;
