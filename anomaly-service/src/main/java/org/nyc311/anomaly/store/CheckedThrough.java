package org.nyc311.anomaly.store;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where one check left a series.
 *
 * @param day the last day judged
 * @param runningSince the first day of the run of flagged or raised days still going on that day, if any
 */
public record CheckedThrough(LocalDate day, Optional<LocalDate> runningSince) {}
