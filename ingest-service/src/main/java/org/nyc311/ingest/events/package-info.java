/** RawBatchLanded on SQS, after the manifest. */
package org.nyc311.ingest.events;
