-- GoldRefreshed events on their way to SQS (service-support's EventOutbox): staged when a run succeeds,
-- sent when SQS takes them, so that an SQS outage loses none.
CREATE TABLE event_outbox (
    event_id   uuid        PRIMARY KEY,
    queue      text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
);
CREATE INDEX event_outbox_unsent ON event_outbox (created_at) WHERE sent_at IS NULL;
