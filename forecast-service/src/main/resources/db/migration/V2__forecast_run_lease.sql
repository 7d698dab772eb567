-- A run is worked on (fitted, then tracked and announced) by one instance at a time: the one holding its
-- lease. lease_token is new at every claim and every write of the holder is conditional on it, so an
-- instance whose lease was taken over (it was paused, or cut off from the database) changes nothing.
-- lease_owner names the holder for people (host and process); lease_expires_at is set by the database's
-- clock, the one clock every instance shares, and pushed on by the holder's heartbeat.
ALTER TABLE forecast_run
    ADD COLUMN lease_owner      text,
    ADD COLUMN lease_token      uuid,
    ADD COLUMN lease_expires_at timestamptz;

-- the sweeps look for work an instance may claim: runs not yet done, and done runs still to track or announce
CREATE INDEX forecast_run_open ON forecast_run (created_at)
    WHERE status IN ('QUEUED', 'RUNNING') OR (status = 'SUCCEEDED' AND (tracking_status = 'PENDING' OR published_at IS NULL));
