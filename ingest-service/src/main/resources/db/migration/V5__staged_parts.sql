-- Parts are immutable at their final key: a page lands first under a staging key of its own, outside
-- bronze's raw root (raw/_staging/run=<id>/part-NNNNN.<token>.json.gz, a new token each time a page is
-- written), and this row records which staged object is the committed one. Publishing copies each
-- committed staged object to object_key (raw/nyc311/...), then writes the manifest. Null for parts
-- landed before this migration: they were written straight to object_key and are published as they are.
ALTER TABLE ingestion_part ADD COLUMN staged_key VARCHAR(400);
