/** anomaly-service's planned REST API (anomalies, alerts) as the dashboard reads it. */
package org.nyc311.dashboard.services.anomaly;
