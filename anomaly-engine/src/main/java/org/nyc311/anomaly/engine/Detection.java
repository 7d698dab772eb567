package org.nyc311.anomaly.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The verdict on every day given, in date order, and the alert episodes among them, in order of opening. */
public record Detection(List<DayVerdict> days, List<AlertEpisode> episodes) {

    public Detection {
        days = List.copyOf(days);
        episodes = List.copyOf(episodes);
    }

    /**
     * The first day of the run still going on the last day given: flagged or raised days in a row, in one direction
     * (a rise straight after a run of drops is a run of its own), whether or not it has opened an alert yet. A caller
     * that judges a series a few days at a time must give the next call the days from twice the z-window before this
     * one, so that the run's days, and the days before it that decide where it starts, are judged as they were: a
     * day's verdict depends on the run it belongs to.
     */
    public Optional<LocalDate> runningSince() {
        LocalDate since = null;
        Breach direction = null;
        for (int i = days.size() - 1; i >= 0 && days.get(i).countsTowardAlert(); i--) {
            DayVerdict day = days.get(i);
            Breach its = day.anomalous() ? day.breach() : Breach.SPIKE;
            if (direction != null && its != direction) {
                break;
            }
            direction = its;
            since = day.date();
        }
        return Optional.ofNullable(since);
    }

    /** Whether some alert was open on {@code date}. */
    public boolean alertOpenOn(LocalDate date) {
        for (AlertEpisode e : episodes) {
            if (e.openOn(date)) {
                return true;
            }
        }
        return false;
    }
}
