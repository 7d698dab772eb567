/** The daily incremental run. */
@NullMarked
package org.nyc311.ingest.schedule;

import org.jspecify.annotations.NullMarked;
