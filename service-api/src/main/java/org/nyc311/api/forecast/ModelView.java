package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

@Schema(description = "The model of a series' newest stored forecast")
public record ModelView(String seriesId, UUID forecastRunId, String model, Map<String, String> hyperparameters,
        CrossValidation crossValidation, LocalDate historyStart, LocalDate historyEnd, String mlflowRunId,
        String mlflowParentRunId, String mlflowRunUrl, String registeredModelVersion) {
}
