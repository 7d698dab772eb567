/** Micrometer meters of the pipeline: run duration and outcomes, data freshness, queue lag. */
package org.nyc311.controller.metrics;
