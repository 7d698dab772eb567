-- One row per training: every eligible series of one gold version fitted and stored together.
-- event_id is the GoldRefreshed that asked for it (NULL for runs started by hand): unique, so the
-- same event delivered twice makes one run.
CREATE TABLE forecast_run (
    run_id            uuid PRIMARY KEY,
    trigger           text        NOT NULL CHECK (trigger IN ('EVENT', 'MANUAL')),
    event_id          uuid        UNIQUE,
    pipeline_run_id   text,
    gold_version      bigint,
    latest_complete   date,
    horizon_days      integer     NOT NULL,
    status            text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    history_start     date,
    last_actual_date  date,
    series_forecast   integer     NOT NULL DEFAULT 0,
    series_failed     integer     NOT NULL DEFAULT 0,
    pooled_mape       double precision,
    pooled_wape       double precision,
    pooled_mase       double precision,
    pooled_coverage   double precision,
    error             text,
    -- attempts at reading gold and fitting; a warehouse that is away puts the run back in the queue
    attempts          integer     NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    started_at        timestamptz,
    finished_at       timestamptz,
    -- MLflow: PENDING until tracked; retried by the service until TRACKED (or given up as FAILED)
    tracking_status   text        NOT NULL DEFAULT 'PENDING' CHECK (tracking_status IN ('PENDING', 'TRACKED', 'FAILED', 'DISABLED')),
    tracking_attempts integer     NOT NULL DEFAULT 0,
    tracking_error    text,
    mlflow_run_id     text,
    mlflow_experiment_id text,
    model_version     text,
    champion          boolean,
    published_at      timestamptz
);

CREATE INDEX forecast_run_status ON forecast_run (status);
CREATE INDEX forecast_run_tracking ON forecast_run (tracking_status) WHERE tracking_status = 'PENDING';

-- The model chosen for one series in one run, with the evidence for it.
CREATE TABLE series_forecast (
    run_id           uuid             NOT NULL REFERENCES forecast_run (run_id),
    series_id        text             NOT NULL,
    model            text             NOT NULL,
    hyperparameters  jsonb            NOT NULL,
    cv_mape          double precision,
    cv_wape          double precision,
    cv_mase          double precision,
    cv_coverage      double precision,
    cv_points        integer          NOT NULL,
    history_start    date             NOT NULL,
    history_end      date             NOT NULL,
    fit_millis       bigint           NOT NULL,
    mlflow_run_id    text,
    PRIMARY KEY (run_id, series_id)
);

CREATE INDEX series_forecast_latest ON series_forecast (series_id, run_id);

-- Series a run could not fit: kept so that a run says what it left out and why.
CREATE TABLE series_failure (
    run_id    uuid NOT NULL REFERENCES forecast_run (run_id),
    series_id text NOT NULL,
    error     text NOT NULL,
    PRIMARY KEY (run_id, series_id)
);

-- One forecast day; through (run_id, series_id) it leads to the run, the model and the MLflow run.
CREATE TABLE forecast_point (
    run_id    uuid             NOT NULL,
    series_id text             NOT NULL,
    date      date             NOT NULL,
    yhat      double precision NOT NULL,
    lower     double precision NOT NULL,
    upper     double precision NOT NULL,
    level     double precision NOT NULL,
    PRIMARY KEY (run_id, series_id, date),
    FOREIGN KEY (run_id, series_id) REFERENCES series_forecast (run_id, series_id)
);
