/** Micrometer meters of the intake. */
@NullMarked
package org.nyc311.ingest.metrics;

import org.jspecify.annotations.NullMarked;
