-- Analysts' acknowledgements and labels of alerts, append-only: every change is a new row with who and when, so
-- the history is the audit trail. An alert's acknowledgement is its one ACKNOWLEDGED row (the first stands); its
-- current label is its latest LABELLED row. The actor is the request's (the token's subject once the services
-- authenticate).
CREATE TABLE alert_review (
    review_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id    uuid        NOT NULL REFERENCES alert (alert_id),
    kind        text        NOT NULL CHECK (kind IN ('ACKNOWLEDGED', 'LABELLED')),
    verdict     text        CHECK (verdict IN ('REAL', 'FALSE')),
    note        text        NOT NULL DEFAULT '',
    actor       text        NOT NULL CHECK (length(btrim(actor)) > 0),
    recorded_at timestamptz NOT NULL,
    CHECK ((kind = 'LABELLED') = (verdict IS NOT NULL))
);
CREATE INDEX alert_review_alert ON alert_review (alert_id, kind, review_id);
-- one acknowledgement per alert, even when two analysts press at once
CREATE UNIQUE INDEX alert_review_one_acknowledgement ON alert_review (alert_id) WHERE kind = 'ACKNOWLEDGED';
-- the opening day is what the labelled precision's window reads
CREATE INDEX alert_opened_on ON alert (opened_on);

-- the audit trail is never rewritten: an update or delete fails
CREATE FUNCTION alert_review_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'alert_review is append-only: a label is changed by a new row, never by %', TG_OP;
END
$$;
CREATE TRIGGER alert_review_append_only BEFORE UPDATE OR DELETE ON alert_review
    FOR EACH ROW EXECUTE FUNCTION alert_review_append_only();
