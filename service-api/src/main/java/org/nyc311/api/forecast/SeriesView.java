package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

@Schema(description = "One series of gold's catalog")
public record SeriesView(
        String seriesId,
        String level,
        String complaintTypeKey,
        String complaintType,
        String borough,
        @Nullable LocalDate firstDate,
        @Nullable LocalDate lastDate,
        @Nullable LocalDate lastNonzeroDate,
        double meanCount,
        long days,
        boolean forecastable) {}
