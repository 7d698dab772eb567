/**
 * Interval calibration from a series' own out-of-sample errors.
 */
package org.nyc311.forecast.interval;
