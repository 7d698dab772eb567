package org.nyc311.anomaly.store;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where a series of the snapshot stands, as one check reads it for every series at once.
 *
 * @param firstForecastDay the earliest day the snapshot has a forecast for
 * @param lastForecastDay  the latest day the snapshot has a forecast for: no day after it can be judged
 * @param lastChecked      the last day detection judged, if any
 * @param openRunStart     the first day of the series' oldest open alert, or of a run of flagged or raised days still
 *                         going when it was last checked (that may open one), whichever is earlier, if any
 */
public record SeriesCheckState(
        String seriesId,
        LocalDate firstForecastDay,
        LocalDate lastForecastDay,
        Optional<LocalDate> lastChecked,
        Optional<LocalDate> openRunStart) {}
