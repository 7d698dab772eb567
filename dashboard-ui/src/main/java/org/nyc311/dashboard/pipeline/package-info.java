/** The Pipeline view: runs, durations, outcomes, quarantine counts, freshness. */
@NullMarked
package org.nyc311.dashboard.pipeline;

import org.jspecify.annotations.NullMarked;
