/** The local runner: delta-jobs' BatchJob in a child JVM on {@code local[*]}, one log file per attempt. */
@NullMarked
package org.nyc311.controller.job.local;

import org.jspecify.annotations.NullMarked;
