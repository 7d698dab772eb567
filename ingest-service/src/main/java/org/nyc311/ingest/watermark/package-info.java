/** The incremental feed's :updated_at watermark, moved only when a run completes. */
package org.nyc311.ingest.watermark;
