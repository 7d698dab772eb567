-- The table EventOutbox needs; each service that uses it creates it with a Flyway migration of its own
-- (a copy of this statement), since Flyway migrations belong to the service.
CREATE TABLE event_outbox (
    event_id   uuid        PRIMARY KEY,
    queue      text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
);
CREATE INDEX event_outbox_unsent ON event_outbox (created_at) WHERE sent_at IS NULL;
