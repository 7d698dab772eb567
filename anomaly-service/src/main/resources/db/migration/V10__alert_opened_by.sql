-- The rule that opened each alert (breaches, sustained rise, evidence), so that people can weigh one rule's alerts
-- apart from another's. Alerts stored before it was recorded say UNRECORDED until a check derives them again.
ALTER TABLE alert ADD COLUMN opened_by text NOT NULL DEFAULT 'UNRECORDED'
    CHECK (opened_by IN ('BREACHES', 'SUSTAINED_RISE', 'EVIDENCE', 'UNRECORDED'));
