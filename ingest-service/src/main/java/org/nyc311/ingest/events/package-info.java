/** RawBatchLanded on SQS, after the manifest, through the outbox (an SQS outage loses no event). */
package org.nyc311.ingest.events;
