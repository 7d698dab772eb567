/** An outbox for events: stored with the change that made them, sent when SQS takes them. */
package org.nyc311.service.outbox;
