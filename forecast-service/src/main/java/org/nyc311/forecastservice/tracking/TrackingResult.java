package org.nyc311.forecastservice.tracking;

import java.util.Map;

/**
 * What tracking one training left in MLflow.
 *
 * @param parentRunId the training's run
 * @param seriesRunIds each series' nested run, by series id
 * @param modelVersion the registered model version made for the training
 * @param champion whether the champion alias now points at that version
 */
public record TrackingResult(String experimentId, String parentRunId, Map<String, String> seriesRunIds, String modelVersion,
        boolean champion) {

    public TrackingResult {
        seriesRunIds = Map.copyOf(seriesRunIds);
    }
}
