package org.nyc311.model.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Pins every day off of 2010-2030 to a list reviewed by hand against the federal rules (5 U.S.C.
 * 6103 and its observed-day shifts) and New York City's additions. A rule change then shows up as a
 * diff of that list, read on purpose, instead of as a silent change of gold's flags and the engine's
 * holiday effects.
 */
class DaysOff2010To2030Test {

    private static final LocalDate FROM = LocalDate.of(2010, 1, 1);
    private static final LocalDate TO = LocalDate.of(2030, 12, 31);

    private final HolidayCalendar calendar = HolidayCalendar.newYorkCity();

    @Test
    void everyDayOffOf2010To2030IsTheReviewedOne() throws IOException {
        assertThat(render(calendar, FROM, TO)).containsExactlyElementsOf(reviewed());
    }

    @Test
    void goldsDaysOffAreExactlyTheDaysOfTheList() throws IOException {
        List<LocalDate> listed = reviewed().stream()
                .map(line -> LocalDate.parse(line.substring(0, 10)))
                .toList();
        assertThat(calendar.daysOff(FROM, TO)).containsExactlyElementsOf(listed);
    }

    @Test
    void aSpanInsideAYearSeesTheObservedDayOfTheNextYearsHoliday() {
        // New Year's Day 2022 was a Saturday: observed on Friday, December 31, 2021 (also New Year's Eve)
        assertThat(calendar.daysOff(LocalDate.of(2021, 12, 30), LocalDate.of(2021, 12, 31)))
                .containsExactly(LocalDate.of(2021, 12, 31));
        assertThat(calendar.daysOff(LocalDate.of(2021, 12, 31), LocalDate.of(2021, 12, 30)))
                .isEmpty();
    }

    /** One line per day off: date, weekday, the holiday on it, and the holiday observed on it. */
    static List<String> render(HolidayCalendar calendar, LocalDate from, LocalDate to) {
        int days = Math.toIntExact(to.toEpochDay() - from.toEpochDay() + 1);
        int[] observedFor = new int[days];
        int[] holidays = calendar.holidayOrdinals(from, days, observedFor);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            if (holidays[i] < 0 && observedFor[i] < 0) {
                continue;
            }
            LocalDate day = from.plusDays(i);
            StringBuilder line = new StringBuilder(day.toString())
                    .append(' ')
                    .append(day.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT));
            if (holidays[i] >= 0) {
                line.append(' ').append(Holiday.values()[holidays[i]]);
            }
            if (observedFor[i] >= 0) {
                line.append(holidays[i] >= 0 ? " + " : " ")
                        .append("observed ")
                        .append(Holiday.values()[observedFor[i]]);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<String> reviewed() throws IOException {
        try (InputStream in = DaysOff2010To2030Test.class.getResourceAsStream("/calendar/days-off-2010-2030.txt")) {
            assertThat(in).as("the reviewed list").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        }
    }
}
