/** Micrometer meters of the pipeline: run duration and outcomes, data freshness, queue lag. */
@NullMarked
package org.nyc311.controller.metrics;

import org.jspecify.annotations.NullMarked;
