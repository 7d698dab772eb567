/**
 * AnomalyAlert in front of people: each transition of the ledger {@code alert_event} delivered to a Slack-compatible
 * webhook and an SNS topic, apart from (and never in the way of) the alert's own SQS event.
 */
@NullMarked
package org.nyc311.anomaly.notify;

import org.jspecify.annotations.NullMarked;
