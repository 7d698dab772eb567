/** The raw layout in S3: one gzip NDJSON part per page, the manifest written last. */
@NullMarked
package org.nyc311.ingest.landing;

import org.jspecify.annotations.NullMarked;
