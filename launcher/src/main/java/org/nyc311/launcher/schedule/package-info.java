/**
 * Application Auto Scaling's weekly schedules read as a week of capacity changes: what the cost estimate prices and
 * what {@code ./nyc311 wake} works around.
 */
@NullMarked
package org.nyc311.launcher.schedule;

import org.jspecify.annotations.NullMarked;
