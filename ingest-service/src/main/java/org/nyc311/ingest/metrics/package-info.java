/** Micrometer meters of the intake. */
package org.nyc311.ingest.metrics;
