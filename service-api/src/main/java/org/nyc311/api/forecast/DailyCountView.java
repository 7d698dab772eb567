package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

@Schema(description = "One day's actual count of a series, from gold")
public record DailyCountView(
        @Schema(example = "2026-05-01") LocalDate date,
        @Schema(example = "12") long count) {}
