/** Typed settings (nyc311.ingest.*, nyc311.lake.*) and the clock and event JSON every part shares. */
@NullMarked
package org.nyc311.ingest.config;

import org.jspecify.annotations.NullMarked;
