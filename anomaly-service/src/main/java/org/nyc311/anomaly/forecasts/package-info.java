/** forecast-service's REST API, read with Spring's RestClient and timeouts. */
package org.nyc311.anomaly.forecasts;
