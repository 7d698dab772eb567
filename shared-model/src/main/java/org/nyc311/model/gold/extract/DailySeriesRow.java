package org.nyc311.model.gold.extract;

import java.time.LocalDate;

/** One row of gold's {@code daily_series}: a series' requests on one New York date. */
public record DailySeriesRow(String seriesId, LocalDate date, long count) {}
