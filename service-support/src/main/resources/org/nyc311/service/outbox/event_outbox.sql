-- The table EventOutbox needs. A service creates it with EventOutboxMigration, a Flyway migration that runs
-- this statement at the version the service gives it (ingest-service's V6 and pipeline-controller's V2 are
-- copies from before; applied migrations are never edited).
CREATE TABLE event_outbox (
    event_id   uuid        PRIMARY KEY,
    queue      text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
);
CREATE INDEX event_outbox_unsent ON event_outbox (created_at) WHERE sent_at IS NULL;
