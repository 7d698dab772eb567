-- Runs hold a lease: the process running one renews lease_expires_at (database time) on a heartbeat and
-- with every page it commits. Only a RUNNING run whose lease has expired counts as dead (its process was
-- killed), so a second ingest process on the same database (the daily one-shot task beside the service)
-- no longer fails the live runs of the first. Runs left RUNNING before this migration have no lease and
-- count as expired.
ALTER TABLE ingestion_run ADD COLUMN lease_owner VARCHAR(200);
ALTER TABLE ingestion_run ADD COLUMN lease_expires_at TIMESTAMPTZ;

CREATE INDEX ingestion_run_running_leases ON ingestion_run (lease_expires_at) WHERE status = 'RUNNING';
