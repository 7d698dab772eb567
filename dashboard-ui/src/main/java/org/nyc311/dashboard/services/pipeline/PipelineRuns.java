package org.nyc311.dashboard.services.pipeline;

import java.util.List;
import org.nyc311.api.pipeline.PipelineRunApi;
import org.nyc311.api.pipeline.PipelineRunView;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.dashboard.services.ServiceClient;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * pipeline-controller's runs, through a proxy of service-api's {@link PipelineRunApi}; answers are kept for
 * {@code nyc311.services.cache-ttl}, a failure never.
 */
@Component
public class PipelineRuns {

    private final ServiceClient<PipelineRunApi> client;

    PipelineRuns(ServicesProperties services, RestClient.Builder builder) {
        this.client = new ServiceClient<>(
                "pipeline-controller", PipelineRunApi.class, services.pipelineController(), services, builder);
    }

    /** The newest runs first. */
    @Cacheable("pipeline-controller.runs")
    public List<PipelineRunView> recent(int limit) {
        List<PipelineRunView> runs = client.get(api -> api.recent(null, limit));
        return runs == null ? List.of() : List.copyOf(runs);
    }
}
