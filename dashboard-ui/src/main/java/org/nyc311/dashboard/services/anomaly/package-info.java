/** anomaly-service's REST API (anomalies, alerts) as the dashboard calls it: a proxy of service-api's AnomalyApi. */
@NullMarked
package org.nyc311.dashboard.services.anomaly;

import org.jspecify.annotations.NullMarked;
