package org.nyc311.api.forecast;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/** Trainings: started by GoldRefreshed, or by hand. */
public interface ForecastRunApi {

    /** Queues a training now; 202 with the queued run. */
    @PostExchange("/api/v1/forecast-runs")
    RunView start();

    /** The newest trainings, newest first. */
    @GetExchange("/api/v1/forecast-runs")
    List<RunView> recent();

    @GetExchange("/api/v1/forecast-runs/{runId}")
    RunView run(@PathVariable("runId") UUID runId);
}
