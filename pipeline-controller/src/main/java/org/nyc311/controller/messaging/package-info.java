/** SQS in: RawBatchLanded, in the shared event JSON, recorded and acknowledged; unreadable messages go to the DLQ. */
@NullMarked
package org.nyc311.controller.messaging;

import org.jspecify.annotations.NullMarked;
