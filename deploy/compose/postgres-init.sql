-- docker-compose.yml: one database per service, named as ./nyc311 up names them (LocalService.database()).
CREATE DATABASE ingest_service;
CREATE DATABASE pipeline_controller;
CREATE DATABASE forecast_service;
CREATE DATABASE anomaly_service;
CREATE DATABASE dashboard_ui;
