package org.nyc311.api.forecast;

/**
 * The whole of forecast-service's API, for a client's one proxy. Each method carries its full path (no
 * type-level {@code @HttpExchange}), so the parts join without one path prefix hiding another.
 */
public interface ForecastServiceApi extends SeriesApi, ForecastApi, ModelApi, ForecastRunApi {}
