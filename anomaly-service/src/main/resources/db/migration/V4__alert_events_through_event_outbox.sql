-- AnomalyAlert events now go through service-support's outbox (event_outbox, created by V3). alert_event
-- stays the ledger of each alert's transitions (one event per alert and transition); what it had not sent
-- yet moves to the outbox, to the configured AnomalyAlert queue, and it no longer tracks sending.
INSERT INTO event_outbox (event_id, queue, payload, created_at)
SELECT event_id, '${anomaly_alert_queue}', payload, created_at FROM alert_event WHERE sent_at IS NULL
ON CONFLICT (event_id) DO NOTHING;

ALTER TABLE alert_event DROP COLUMN sent_at;
