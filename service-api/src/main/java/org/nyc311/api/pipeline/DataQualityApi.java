package org.nyc311.api.pipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The feed's data-quality alerts: a citywide day far below its usual level, a day with no requests, a surge in
 * silver's quarantine rate. A separate kind of alert from the series' anomalies, so that an outage is not read as
 * quiet streets.
 */
public interface DataQualityApi {

    /** The newest first, {@code limit} of them (1-500). */
    @GetExchange("/api/v1/data-quality-alerts")
    List<DataQualityAlertView> recentDataQualityAlerts(
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(500) int limit);
}
