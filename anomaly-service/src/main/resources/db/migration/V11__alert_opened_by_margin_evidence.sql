-- The evidence rule in the intervals' margins (days above their upper bounds on average) opens alerts of its own
-- kind, so that its precision can be weighed apart from the robust evidence rule's.
ALTER TABLE alert DROP CONSTRAINT alert_opened_by_check;
ALTER TABLE alert ADD CONSTRAINT alert_opened_by_check
    CHECK (opened_by IN ('BREACHES', 'SUSTAINED_RISE', 'EVIDENCE', 'MARGIN_EVIDENCE', 'UNRECORDED'));
