-- The detection settings (and rules) each alert was last derived under: anomaly-engine's DetectionSettings
-- fingerprint, with the yardstick the check judged runs by. A check that no longer derives an open alert closes it as
-- superseded only when it was derived under other settings: under unchanged settings, a check that merely read less of
-- the series than the one before leaves it open. Null for the alerts stored before this column was.
ALTER TABLE alert ADD COLUMN derived_under text;
-- Why a closed alert closed: BACK_INSIDE (the episode ended) or SUPERSEDED. Null while open, and for the alerts closed
-- before this column was, which all closed back inside.
ALTER TABLE alert ADD COLUMN closed_because text;
ALTER TABLE alert ADD CONSTRAINT alert_closed_because_known
    CHECK (closed_because IS NULL OR closed_because IN ('BACK_INSIDE', 'SUPERSEDED'));
