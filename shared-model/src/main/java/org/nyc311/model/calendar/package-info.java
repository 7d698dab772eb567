/**
 * The NYC/US holidays that move 311 volumes, with observed-day rules.
 */
package org.nyc311.model.calendar;
