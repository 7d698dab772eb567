/** The Pipeline view: runs, durations, outcomes, quarantine counts, freshness. */
package org.nyc311.dashboard.pipeline;
