/** SQS in: RawBatchLanded, in the shared event JSON, recorded and acknowledged; unreadable messages go to the DLQ. */
package org.nyc311.controller.messaging;
