/**
 * The NYC/US holidays that move 311 volumes, with observed-day rules.
 */
@NullMarked
package org.nyc311.model.calendar;

import org.jspecify.annotations.NullMarked;
