/** forecast-service's REST API, called through an HTTP interface client of its contract (service-api), with timeouts. */
package org.nyc311.anomaly.forecasts;
