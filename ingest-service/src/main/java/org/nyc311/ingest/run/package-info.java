/** Ingestion runs: the Spring Batch job that lands pages and publishes the batch, its state in PostgreSQL, resuming and refusing. */
@NullMarked
package org.nyc311.ingest.run;

import org.jspecify.annotations.NullMarked;
