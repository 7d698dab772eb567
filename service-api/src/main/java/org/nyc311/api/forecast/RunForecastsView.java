package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * Every series' stored forecast of one run, in one answer: a caller that needs them all (anomaly-service's
 * check after ForecastsPublished) makes one request per run instead of one per series.
 *
 * @param forecasts one per series the run fitted, ordered by series id, each with all its stored points; never null
 */
@Schema(description = "Every series' stored forecast of one forecast run")
public record RunForecastsView(UUID forecastRunId, List<StoredForecastView> forecasts) {

    public RunForecastsView {
        forecasts = forecasts == null ? List.of() : List.copyOf(forecasts);
    }
}
