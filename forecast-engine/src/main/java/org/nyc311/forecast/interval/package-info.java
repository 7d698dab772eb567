/**
 * Interval calibration from a series' own out-of-sample errors.
 */
@NullMarked
package org.nyc311.forecast.interval;

import org.jspecify.annotations.NullMarked;
