/** RawBatchLanded on SQS, after the manifest, through the outbox (an SQS outage loses no event). */
@NullMarked
package org.nyc311.ingest.events;

import org.jspecify.annotations.NullMarked;
