package org.nyc311.dashboard.services.pipeline;

import java.util.List;
import org.nyc311.api.pipeline.DataQualityAlertView;
import org.nyc311.api.pipeline.DataQualityApi;
import org.nyc311.api.pipeline.PipelineRunApi;
import org.nyc311.api.pipeline.PipelineRunView;
import org.nyc311.dashboard.config.ServicesProperties;
import org.nyc311.dashboard.services.ServiceClient;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * pipeline-controller's runs and data-quality alerts, through proxies of service-api's {@link PipelineRunApi} and
 * {@link DataQualityApi}; answers are kept for
 * {@code nyc311.services.cache-ttl}, a failure never.
 */
@Component
public class PipelineRuns {

    private final ServiceClient<PipelineRunApi> client;
    private final ServiceClient<DataQualityApi> quality;

    PipelineRuns(ServicesProperties services, RestClient.Builder builder) {
        this.client = new ServiceClient<>(
                "pipeline-controller", PipelineRunApi.class, services.pipelineController(), services, builder);
        this.quality = new ServiceClient<>(
                "pipeline-controller", DataQualityApi.class, services.pipelineController(), services, builder);
    }

    /** The newest runs first. */
    @Cacheable("pipeline-controller.runs")
    public List<PipelineRunView> recent(int limit) {
        List<PipelineRunView> runs = client.get(api -> api.recent(null, limit));
        return runs == null ? List.of() : List.copyOf(runs);
    }

    /** The feed's data-quality alerts, the newest first. */
    @Cacheable("pipeline-controller.data-quality-alerts")
    public List<DataQualityAlertView> dataQualityAlerts(int limit) {
        List<DataQualityAlertView> alerts = quality.get(api -> api.recentDataQualityAlerts(limit));
        return alerts == null ? List.of() : List.copyOf(alerts);
    }
}
