package org.nyc311.forecastservice.gold;

import java.time.LocalDate;

/** One row of gold's series catalog. */
public record CatalogEntry(
        String seriesId,
        String level,
        String complaintTypeKey,
        String complaintType,
        String boroughKey,
        LocalDate firstDate,
        LocalDate lastDate,
        LocalDate lastNonzeroDate,
        double meanCount,
        long days,
        boolean forecastable) {}
