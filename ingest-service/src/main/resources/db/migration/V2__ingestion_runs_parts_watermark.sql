-- One row per ingestion run: what it asked for, where it lands, how it ended. Its counts are
-- those of its parts (below), so a running run shows its progress.
CREATE TABLE ingestion_run (
    run_id          VARCHAR(64)  PRIMARY KEY,
    kind            VARCHAR(16)  NOT NULL,
    window_from     TIMESTAMP    NOT NULL,
    window_to       TIMESTAMP    NOT NULL,
    source          VARCHAR(1000) NOT NULL,
    page_size       INT          NOT NULL,
    ingestion_date  DATE         NOT NULL,
    batch_prefix    VARCHAR(400) NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    watermark       TIMESTAMP,
    failure_reason  TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ
);

-- Two runs of the same window never run at once, whichever instance or thread starts them.
CREATE UNIQUE INDEX ingestion_run_one_running_per_window
    ON ingestion_run (kind, window_from, window_to) WHERE status = 'RUNNING';

CREATE INDEX ingestion_run_by_window ON ingestion_run (kind, window_from, window_to, created_at);

-- Every landed part, written in the same transaction as the step's progress: the resume point and
-- the manifest both come from here.
CREATE TABLE ingestion_part (
    run_id       VARCHAR(64)  NOT NULL REFERENCES ingestion_run (run_id),
    part_number  INT          NOT NULL,
    object_key   VARCHAR(400) NOT NULL,
    record_count INT          NOT NULL,
    byte_count   BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    PRIMARY KEY (run_id, part_number)
);

-- The incremental feed's high-water mark on :updated_at; moves only when a run completes.
CREATE TABLE ingestion_watermark (
    feed        VARCHAR(64) PRIMARY KEY,
    watermark   TIMESTAMP   NOT NULL,
    run_id      VARCHAR(64) NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
