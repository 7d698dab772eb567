/** Typed settings (nyc311.ingest.*, nyc311.lake.*) and the clock and event JSON every part shares. */
package org.nyc311.ingest.config;
