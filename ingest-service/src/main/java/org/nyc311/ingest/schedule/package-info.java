/** The daily incremental run. */
package org.nyc311.ingest.schedule;
