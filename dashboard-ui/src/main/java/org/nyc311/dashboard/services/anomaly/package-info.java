/** anomaly-service's REST API (anomalies, alerts) as the dashboard calls it: a proxy of service-api's AnomalyApi. */
package org.nyc311.dashboard.services.anomaly;
