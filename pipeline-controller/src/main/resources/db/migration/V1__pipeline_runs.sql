-- Raw batches as their RawBatchLanded events announced them. The event id is the idempotency key:
-- SQS delivers at least once, and a second delivery must not record (or run) the batch again.
CREATE TABLE raw_batch (
    event_id         uuid        PRIMARY KEY,
    ingestion_run_id text        NOT NULL,
    bucket           text        NOT NULL,
    batch_prefix     text        NOT NULL,
    manifest_key     text        NOT NULL,
    record_count     bigint      NOT NULL,
    part_count       integer     NOT NULL,
    occurred_at      timestamptz NOT NULL,
    received_at      timestamptz NOT NULL
);
CREATE INDEX raw_batch_by_ingestion_run ON raw_batch (ingestion_run_id);

-- One run of the delta-jobs job over one or more batches.
CREATE TABLE pipeline_run (
    id                      uuid        PRIMARY KEY,
    state                   text        NOT NULL CHECK (state IN ('RECEIVED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    created_at              timestamptz NOT NULL,
    started_at              timestamptz,
    finished_at             timestamptz,
    attempt_count           integer     NOT NULL DEFAULT 0,
    next_attempt_at         timestamptz,
    job_run_id              text,
    error                   text,
    result_json             text,
    newest_created_at       timestamptz,
    gold_refreshed_event_id uuid
);
-- At most one run waits to start: batches that land while another run is going join it (coalescing).
CREATE UNIQUE INDEX pipeline_run_one_waiting ON pipeline_run (state) WHERE state = 'RECEIVED';
CREATE INDEX pipeline_run_by_created ON pipeline_run (created_at DESC);

-- Which batches a run covers. A batch run again by hand belongs to a second run too.
CREATE TABLE pipeline_run_batch (
    run_id   uuid NOT NULL REFERENCES pipeline_run (id),
    event_id uuid NOT NULL REFERENCES raw_batch (event_id),
    reason   text NOT NULL CHECK (reason IN ('LANDED', 'RERUN')),
    PRIMARY KEY (run_id, event_id)
);
CREATE INDEX pipeline_run_batch_by_event ON pipeline_run_batch (event_id);
