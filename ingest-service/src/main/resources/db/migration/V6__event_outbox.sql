-- RawBatchLanded events on their way to SQS (service-support's EventOutbox): stored in the transaction that
-- completes the run, sent when SQS takes them, so that an SQS outage neither fails a run nor loses its event.
CREATE TABLE event_outbox (
    event_id   uuid        PRIMARY KEY,
    queue      text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
);
CREATE INDEX event_outbox_unsent ON event_outbox (created_at) WHERE sent_at IS NULL;
