package org.nyc311.anomaly.check;

import java.time.LocalDate;
import java.util.Optional;
import org.nyc311.anomaly.store.SeriesCheckState;

/**
 * The days one check reads for a series: {@code from} (context) to the last day, of which those from
 * {@code firstNew} on are judged.
 *
 * <p>The check reads gold once, from the earliest {@code from} of all series, so one series' window sets
 * the read for all. Three rules keep a series from holding it back. A series whose forecasts all lie on or
 * before the last day (it left the forecast set: a series in it always has forecasts ahead) is judged one
 * last time, and is then checked through its last forecast day ({@code exhaustedOn}) even where gold has no
 * row (a day without requests never gets one): a departed rare series would otherwise stay at its last
 * day with a count forever. A series with no forecast after its last checked day has no window. And no
 * series starts judging earlier than {@code maxLookbackDays} before the last day (a series that had no
 * actual for months resumes at that edge instead of reading months of gold).
 *
 * @param exhaustedOn the series' last forecast day, when it is on or before the check's last day
 */
record CheckWindow(String seriesId, LocalDate firstNew, LocalDate from, Optional<LocalDate> exhaustedOn) {

    /** The day the series is checked through after this check, given the last day it judged. */
    Optional<LocalDate> checkedThrough(Optional<LocalDate> lastJudged) {
        if (exhaustedOn.isEmpty()) {
            return lastJudged;
        }
        return Optional.of(lastJudged.filter(d -> d.isAfter(exhaustedOn.get())).orElse(exhaustedOn.get()));
    }

    static Optional<CheckWindow> of(SeriesCheckState state, LocalDate lastDay, int zWindow, int maxLookbackDays) {
        LocalDate first = state.lastChecked().map(d -> d.plusDays(1)).orElse(state.firstForecastDay());
        LocalDate edge = lastDay.minusDays(maxLookbackDays);
        first = first.isBefore(edge) ? edge : first;
        if (first.isAfter(lastDay) || first.isAfter(state.lastForecastDay())) {
            return Optional.empty();
        }
        // context: before the first new day, or before the run still going (an open alert's whole episode, or the run
        // that may open one), twice the z-window: the run's days, and the days before it that decide where it starts,
        // are then judged on whole z-windows, as they were when each was new
        LocalDate from =
                state.openRunStart().filter(first::isAfter).orElse(first).minusDays(2L * zWindow);
        LocalDate bound = first.minusDays(maxLookbackDays);
        from = from.isBefore(bound) ? bound : from;
        from = from.isBefore(state.firstForecastDay()) ? state.firstForecastDay() : from;
        Optional<LocalDate> exhausted = Optional.of(state.lastForecastDay()).filter(d -> !d.isAfter(lastDay));
        return Optional.of(new CheckWindow(state.seriesId(), first, from, exhausted));
    }
}
