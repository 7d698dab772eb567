-- Requests citywide per New York date, as each successful run's result reported them for the dates it rebuilt in
-- gold: the feed's own history, which the data-quality checks judge a new day against. A later run that rebuilt
-- the date again (late records) replaces its count.
CREATE TABLE citywide_day (
    day             date        PRIMARY KEY,
    requests        bigint      NOT NULL CHECK (requests >= 0),
    pipeline_run_id uuid        NOT NULL,
    recorded_at     timestamptz NOT NULL
);

-- The first complete day the checks judged: no day before it is called missing. A controller upgraded mid-stream
-- records only the dates its runs rebuild from then on (an update can rebuild a date years back), so the days
-- between would otherwise look empty. One row.
CREATE TABLE data_quality_watch (
    only_row     boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
    judged_from  date        NOT NULL,
    started_at   timestamptz NOT NULL
);

-- What silver's MERGE quarantined in each successful run: the history a quarantine-rate surge is judged against.
CREATE TABLE run_quarantine (
    pipeline_run_id uuid        PRIMARY KEY,
    records_in      bigint      NOT NULL CHECK (records_in >= 0),
    quarantined     bigint      NOT NULL CHECK (quarantined >= 0),
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX run_quarantine_by_recorded ON run_quarantine (recorded_at DESC);

-- Data-quality alerts: the feed, not the streets. One per kind and subject (a day, or a run for a quarantine
-- surge), so that judging a run again after a crash or a retry raises nothing twice.
CREATE TABLE data_quality_alert (
    id              uuid             PRIMARY KEY,
    kind            text             NOT NULL CHECK (kind IN ('FEED_DROP', 'MISSING_DAY', 'QUARANTINE_SURGE')),
    subject         text             NOT NULL,
    day             date,
    -- the run after which it was raised; null for a day no run brought in time (the watch's lateness check)
    pipeline_run_id uuid,
    observed        double precision NOT NULL,
    expected        double precision NOT NULL,
    detail          text             NOT NULL,
    raised_at       timestamptz      NOT NULL,
    -- when it was logged (the log is what the alarm reads): an alert stored by an attempt that died before logging
    -- it is logged by the next judgement
    notified_at     timestamptz,
    UNIQUE (kind, subject)
);
CREATE INDEX data_quality_alert_by_raised ON data_quality_alert (raised_at DESC);
