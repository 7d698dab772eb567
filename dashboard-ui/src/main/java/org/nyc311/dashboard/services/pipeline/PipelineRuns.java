package org.nyc311.dashboard.services.pipeline;

import java.util.List;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.dashboard.services.ServiceClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** pipeline-controller's runs. */
@Component
public class PipelineRuns {

    private final ServiceClient<PipelineRunsApi> client;

    PipelineRuns(ServicesProperties services, RestClient.Builder builder) {
        this.client = new ServiceClient<>("pipeline-controller", PipelineRunsApi.class, services.pipelineController(), services,
                builder);
    }

    /** The newest runs first. */
    public List<PipelineRun> recent(int limit) {
        List<PipelineRun> runs = client.get(api -> api.recent(limit));
        return runs == null ? List.of() : runs;
    }
}
