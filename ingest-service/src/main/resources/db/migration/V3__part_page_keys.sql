-- Keyset paging: each part keeps the key of its last record, and a resumed run goes on after the key
-- of its last committed part (never after a count of records, which shifts when records move out of an
-- :updated_at window mid-run). Null for file sources, which page by count over fixed content, and for
-- parts landed by offset paging before this migration (such a run is not resumed: a new run reads its
-- window again).
ALTER TABLE ingestion_part ADD COLUMN last_updated_at VARCHAR(40);
ALTER TABLE ingestion_part ADD COLUMN last_id VARCHAR(200);
