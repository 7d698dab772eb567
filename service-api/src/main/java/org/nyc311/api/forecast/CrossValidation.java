package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

@Schema(description = "Cross-validation accuracy on the series' own rolling origins; null where undefined")
public record CrossValidation(
        @Nullable Double mape,
        @Nullable Double wape,
        @Nullable Double mase,
        @Nullable Double coverage,
        int points) {}
