package org.nyc311.launcher.demo;

import java.time.LocalDate;
import org.nyc311.forecast.calendar.HolidayCalendar;

/**
 * Whether New York takes a day off: the one seam between the city feed and the project's holiday
 * calendar, so that the calendar can move without the feed noticing.
 */
@FunctionalInterface
public interface DaysOff {

    boolean isDayOff(LocalDate day);

    /** The city's holidays and the weekdays observed in place of weekend ones, from the forecasting engine's calendar. */
    static DaysOff newYorkCity() {
        HolidayCalendar calendar = HolidayCalendar.newYorkCity();
        return day -> calendar.holidayOn(day).isPresent() || calendar.isObservedDayOff(day);
    }
}
