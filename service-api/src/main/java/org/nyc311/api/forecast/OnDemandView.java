package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.forecast.ForecastPoint;

@Schema(description = "A forecast fitted now; nothing is stored")
public record OnDemandView(
        @Nullable String seriesId,
        String model,
        Map<String, String> hyperparameters,
        CrossValidation crossValidation,
        LocalDate historyStart,
        LocalDate historyEnd,
        List<ForecastPoint> points) {}
