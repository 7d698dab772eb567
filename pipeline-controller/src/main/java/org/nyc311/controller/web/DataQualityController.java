package org.nyc311.controller.web;

import java.util.List;
import org.nyc311.api.pipeline.DataQualityAlertView;
import org.nyc311.api.pipeline.DataQualityApi;
import org.nyc311.controller.quality.DataQualityAlert;
import org.nyc311.controller.quality.DataQualityRepository;
import org.springframework.web.bind.annotation.RestController;

/** The feed's data-quality alerts; the contract is service-api's {@link DataQualityApi}. */
@RestController
class DataQualityController implements DataQualityApi {

    private final DataQualityRepository alerts;

    DataQualityController(DataQualityRepository alerts) {
        this.alerts = alerts;
    }

    @Override
    public List<DataQualityAlertView> recentDataQualityAlerts(int limit) {
        return alerts.recent(limit).stream().map(DataQualityController::view).toList();
    }

    static DataQualityAlertView view(DataQualityAlert alert) {
        return new DataQualityAlertView(
                alert.id(),
                alert.kind(),
                alert.subject(),
                alert.day(),
                alert.pipelineRunId(),
                alert.observed(),
                alert.expected(),
                alert.detail(),
                alert.raisedAt());
    }
}
