/** forecast-service's REST API as the dashboard calls it: a proxy of service-api's ForecastServiceApi. */
@NullMarked
package org.nyc311.dashboard.services.forecast;

import org.jspecify.annotations.NullMarked;
