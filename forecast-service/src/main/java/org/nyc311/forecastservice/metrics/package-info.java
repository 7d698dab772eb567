/** Micrometer meters of fitting and tracking. */
@NullMarked
package org.nyc311.forecastservice.metrics;

import org.jspecify.annotations.NullMarked;
