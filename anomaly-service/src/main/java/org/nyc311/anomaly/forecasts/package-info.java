/** forecast-service's REST API, called through an HTTP interface client of its contract (service-api), with timeouts. */
@NullMarked
package org.nyc311.anomaly.forecasts;

import org.jspecify.annotations.NullMarked;
