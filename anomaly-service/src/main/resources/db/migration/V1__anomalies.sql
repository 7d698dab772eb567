-- ForecastsPublished events already handled: the same event again changes nothing.
CREATE TABLE processed_event (
    event_id        uuid PRIMARY KEY,
    forecast_run_id text        NOT NULL,
    processed_at    timestamptz NOT NULL
);

-- This service's own copy of the forecasts it judges by (never forecast-service's tables): per series
-- and target day, the forecast with the SHORTEST horizon made before that day. A later run with a
-- longer horizon to the same day never replaces it.
CREATE TABLE forecast_snapshot (
    series_id        text             NOT NULL,
    target_date      date             NOT NULL,
    forecast_run_id  text             NOT NULL,
    last_actual_date date             NOT NULL,
    horizon          integer          NOT NULL CHECK (horizon >= 1),
    yhat             double precision NOT NULL,
    lower_bound      double precision NOT NULL,
    upper_bound      double precision NOT NULL,
    PRIMARY KEY (series_id, target_date)
);

-- The last day of each series that detection has judged.
CREATE TABLE check_state (
    series_id         text PRIMARY KEY,
    last_checked_date date        NOT NULL,
    checked_at        timestamptz NOT NULL
);

-- A day outside its interval: spikes, and drops recorded separately (direction).
CREATE TABLE anomaly (
    series_id          text             NOT NULL,
    date               date             NOT NULL,
    complaint_type_key text             NOT NULL,
    borough_key        text             NOT NULL,
    actual             bigint           NOT NULL,
    yhat               double precision NOT NULL,
    lower_bound        double precision NOT NULL,
    upper_bound        double precision NOT NULL,
    z_score            double precision NOT NULL,
    direction          text             NOT NULL CHECK (direction IN ('SPIKE', 'DROP')),
    forecast_run_id    text             NOT NULL,
    recorded_at        timestamptz      NOT NULL,
    PRIMARY KEY (series_id, date)
);
CREATE INDEX anomaly_date ON anomaly (date);

-- One row per episode; the id is anomaly-engine's (series and first day), so re-running names the same alert.
CREATE TABLE alert (
    alert_id            uuid PRIMARY KEY,
    series_id           text             NOT NULL,
    status              text             NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    episode_start       date             NOT NULL,
    opened_on           date             NOT NULL,
    last_anomalous_date date             NOT NULL,
    closed_on           date,
    anomalous_days      integer          NOT NULL,
    peak_z_score        double precision NOT NULL,
    updated_at          timestamptz      NOT NULL
);
CREATE INDEX alert_series ON alert (series_id, status);

-- AnomalyAlert events, written in the same transaction as the alert (an outbox) and sent after it
-- commits; the event id is one per alert and transition, so an episode is announced once opened and
-- once closed, never more.
CREATE TABLE alert_event (
    event_id   uuid PRIMARY KEY,
    alert_id   uuid        NOT NULL REFERENCES alert (alert_id),
    transition text        NOT NULL CHECK (transition IN ('OPENED', 'CLOSED')),
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
);
