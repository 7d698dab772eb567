/** The incremental feed's :updated_at watermark, moved only when a run completes. */
@NullMarked
package org.nyc311.ingest.watermark;

import org.jspecify.annotations.NullMarked;
