/**
 * forecast-service's REST contract: the payload records and one {@code @HttpExchange} interface per
 * controller ({@link org.nyc311.api.forecast.ForecastServiceApi} joins them for clients). The server's
 * controllers implement the interfaces; anomaly-service and the dashboard get proxies of them, so a
 * renamed field or path fails the compile of both sides.
 */
@NullMarked
package org.nyc311.api.forecast;

import org.jspecify.annotations.NullMarked;
