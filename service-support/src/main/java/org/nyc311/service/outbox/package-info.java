/** An outbox for events: stored with the change that made them, sent when SQS takes them. */
@NullMarked
package org.nyc311.service.outbox;

import org.jspecify.annotations.NullMarked;
