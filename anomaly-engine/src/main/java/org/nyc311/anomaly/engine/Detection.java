package org.nyc311.anomaly.engine;

import java.time.LocalDate;
import java.util.List;

/** The verdict on every day given, in date order, and the alert episodes among them, in order of opening. */
public record Detection(List<DayVerdict> days, List<AlertEpisode> episodes) {

    public Detection {
        days = List.copyOf(days);
        episodes = List.copyOf(episodes);
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
