package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * @param mlflowRunId          the MLflow run of the training that fitted the model: one run per training, holding every
 *                             series in its tables, where this series' rows are found by its id
 * @param mlflowRunUrl         that run in the MLflow UI, when the UI is known
 * @param mlflowSeriesTableUrl the run's per-series metrics table in the MLflow UI (this series' row among them)
 */
@Schema(description = "The model of a series' newest stored forecast")
public record ModelView(
        String seriesId,
        UUID forecastRunId,
        String model,
        Map<String, String> hyperparameters,
        CrossValidation crossValidation,
        LocalDate historyStart,
        LocalDate historyEnd,
        @Nullable String mlflowRunId,
        @Nullable String mlflowRunUrl,
        @Nullable String mlflowSeriesTableUrl,
        @Nullable String registeredModelVersion) {}
