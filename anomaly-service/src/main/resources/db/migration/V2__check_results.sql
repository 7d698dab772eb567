-- What each check did, so that operators (and ./nyc311 up) can see that a ForecastsPublished was
-- judged and with what outcome. Checks recorded before this migration keep NULL counts.
ALTER TABLE processed_event
    ADD COLUMN last_actual_date date,
    ADD COLUMN forecasts_stored integer,
    ADD COLUMN days_checked     integer,
    ADD COLUMN anomalies        integer,
    ADD COLUMN alerts_opened    integer,
    ADD COLUMN alerts_closed    integer;

CREATE INDEX processed_event_processed_at ON processed_event (processed_at DESC);
