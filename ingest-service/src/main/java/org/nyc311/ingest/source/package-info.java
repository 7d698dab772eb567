/** Where records come from: the SODA API with its paging and retries, and JSON-lines or CSV-export files, page by page. */
@NullMarked
package org.nyc311.ingest.source;

import org.jspecify.annotations.NullMarked;
