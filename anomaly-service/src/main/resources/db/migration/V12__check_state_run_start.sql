-- The first day of the run of flagged or raised days still going when the series was last checked (null: none).
-- The next check reads from twice the z-window before that day, so that the run's days are judged as they were:
-- a day's verdict depends on the run it belongs to, and without this the check that opens an alert read less of the
-- run's history than the checks after it, which could then derive the same rise under another first day.
ALTER TABLE check_state ADD COLUMN run_start date;
