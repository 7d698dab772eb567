/** forecast-service's REST API as the dashboard calls it: a proxy of service-api's ForecastServiceApi. */
package org.nyc311.dashboard.services.forecast;
