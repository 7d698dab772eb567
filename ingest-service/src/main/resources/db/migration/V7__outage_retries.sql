-- A run that failed because S3, PostgreSQL or the source could not be reached (an outage, not an answer)
-- is resumed by the service itself: retry_at is when it is tried next (NULL: not at all), outage_retries
-- how many times an outage has failed it so far, so that the wait doubles and a long outage is given up on.
ALTER TABLE ingestion_run ADD COLUMN retry_at TIMESTAMPTZ;
ALTER TABLE ingestion_run ADD COLUMN outage_retries INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ingestion_run_due_retries ON ingestion_run (retry_at) WHERE status = 'FAILED' AND retry_at IS NOT NULL;
