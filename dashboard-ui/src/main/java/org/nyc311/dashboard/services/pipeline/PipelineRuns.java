package org.nyc311.dashboard.services.pipeline;

import java.util.Arrays;
import java.util.List;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.dashboard.services.ServiceClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** pipeline-controller's runs. */
@Component
public class PipelineRuns {

    private final ServiceClient client;

    PipelineRuns(ServicesProperties services, RestClient.Builder builder) {
        this.client = new ServiceClient("pipeline-controller", services.pipelineController(), services, builder);
    }

    /** The newest runs first. */
    public List<PipelineRun> recent(int limit) {
        PipelineRun[] runs = client.get(http -> http.get().uri("/api/v1/runs?limit={limit}", limit)
                .retrieve().body(PipelineRun[].class));
        return runs == null ? List.of() : Arrays.asList(runs);
    }
}
