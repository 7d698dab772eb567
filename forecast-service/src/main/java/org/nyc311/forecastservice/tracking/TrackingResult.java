package org.nyc311.forecastservice.tracking;

/**
 * What tracking one training left in MLflow.
 *
 * @param parentRunId the training's run, which holds every series in its tables ({@link SeriesTables})
 * @param seriesCount the series in those tables
 * @param modelVersion the registered model version made for the training
 * @param champion whether the champion alias now points at that version
 */
public record TrackingResult(
        String experimentId, String parentRunId, int seriesCount, String modelVersion, boolean champion) {}
