/** Micrometer meters of fitting and tracking. */
package org.nyc311.forecastservice.metrics;
