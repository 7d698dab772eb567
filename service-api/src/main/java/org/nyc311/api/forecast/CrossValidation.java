package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Cross-validation accuracy on the series' own rolling origins; null where undefined")
public record CrossValidation(Double mape, Double wape, Double mase, Double coverage, int points) {}
