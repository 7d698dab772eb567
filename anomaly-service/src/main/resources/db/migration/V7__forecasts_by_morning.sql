-- Each run's forecast of its first week, kept by the morning it was made for (the last day of history it saw).
-- forecast_snapshot keeps only the newest forecast of a day; a run of rising days is judged against the one made
-- before the run began instead (anomaly-engine's yardstick), not against forecasts refitted on its first days.
-- A check deletes what is older than its look-back.
CREATE TABLE forecast_by_morning (
    series_id        text             NOT NULL,
    last_actual_date date             NOT NULL,
    target_date      date             NOT NULL,
    forecast_run_id  text             NOT NULL,
    yhat             double precision NOT NULL,
    lower_bound      double precision NOT NULL,
    upper_bound      double precision NOT NULL,
    PRIMARY KEY (series_id, last_actual_date, target_date)
);

CREATE INDEX forecast_by_morning_target ON forecast_by_morning (target_date);
