-- Each AnomalyAlert transition's delivery to a notification channel (webhook, sns), beside its SQS event. The
-- ledger alert_event, written in the check's transaction, is the notifications' outbox: the notifier adds a row
-- here for every transition it has not seen per enabled channel, sends it, and marks it delivered; a failure is
-- tried again at next_attempt_at (a doubling wait), and a transition older than the notifier's max-age is given up.
CREATE TABLE alert_delivery (
    event_id        uuid        NOT NULL REFERENCES alert_event (event_id),
    channel         text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz,
    given_up_at     timestamptz,
    last_error      text,
    PRIMARY KEY (event_id, channel)
);
CREATE INDEX alert_delivery_due ON alert_delivery (channel, next_attempt_at) WHERE delivered_at IS NULL AND given_up_at IS NULL;
CREATE INDEX alert_event_created_at ON alert_event (created_at);
