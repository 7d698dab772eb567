package org.nyc311.api.forecast;

import java.time.LocalDate;

/** One day of a posted history; both fields are checked by the server, so both may arrive null. */
public record HistoryDay(LocalDate date, Double count) {}
