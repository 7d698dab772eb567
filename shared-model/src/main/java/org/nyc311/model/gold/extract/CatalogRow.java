package org.nyc311.model.gold.extract;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** One row of gold's {@code series_catalog}, column for column (shared-model's {@code GoldColumns}). */
public record CatalogRow(
        String seriesId,
        String level,
        String complaintTypeKey,
        String complaintType,
        String boroughKey,
        @Nullable LocalDate firstDate,
        @Nullable LocalDate lastDate,
        @Nullable LocalDate lastNonzeroDate,
        double meanCount,
        long days,
        boolean forecastable) {}
