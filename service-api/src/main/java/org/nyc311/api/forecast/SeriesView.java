package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

@Schema(description = "One series of gold's catalog")
public record SeriesView(
        String seriesId,
        String level,
        String complaintTypeKey,
        String complaintType,
        String borough,
        LocalDate firstDate,
        LocalDate lastDate,
        LocalDate lastNonzeroDate,
        double meanCount,
        long days,
        boolean forecastable) {}
