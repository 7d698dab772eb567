package org.nyc311.forecastservice.gold;

import java.time.LocalDate;

/** One day of a series in gold: the day and its count of service requests. */
public record DailyCount(LocalDate date, long count) {}
