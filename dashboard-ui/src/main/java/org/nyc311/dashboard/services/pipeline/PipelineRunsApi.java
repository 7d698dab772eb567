package org.nyc311.dashboard.services.pipeline;

import java.util.List;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The part of pipeline-controller's API the dashboard reads. Still the dashboard's own: pipeline-controller's
 * payload is built from its run-state types, which have not moved to service-api yet.
 */
interface PipelineRunsApi {

    @GetExchange("/api/v1/runs")
    List<PipelineRun> recent(@RequestParam("limit") int limit);
}
