package org.nyc311.forecastservice.gold;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** One row of gold's series catalog. */
public record CatalogEntry(
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
