package org.nyc311.model.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

    private final HolidayCalendar calendar = HolidayCalendar.newYorkCity();

    @Test
    void thanksgiving2026IsNovember26AndTheDayAfterFollows() {
        assertThat(Holiday.THANKSGIVING.date(2026)).contains(LocalDate.of(2026, 11, 26));
        assertThat(calendar.holidayOn(LocalDate.of(2026, 11, 27))).contains(Holiday.DAY_AFTER_THANKSGIVING);
    }

    @Test
    void mondayHolidaysOf2026FallOnTheRightMondays() {
        assertThat(Holiday.MLK_DAY.date(2026)).contains(LocalDate.of(2026, 1, 19));
        assertThat(Holiday.PRESIDENTS_DAY.date(2026)).contains(LocalDate.of(2026, 2, 16));
        assertThat(Holiday.MEMORIAL_DAY.date(2026)).contains(LocalDate.of(2026, 5, 25));
        assertThat(Holiday.LABOR_DAY.date(2026)).contains(LocalDate.of(2026, 9, 7));
        assertThat(Holiday.COLUMBUS_DAY.date(2026)).contains(LocalDate.of(2026, 10, 12));
    }

    @Test
    void weekendHolidaysAreObservedOnTheNearestWeekday() {
        // July 4, 2026 is a Saturday: observed Friday the 3rd
        assertThat(Holiday.INDEPENDENCE_DAY.observedInstead(2026)).contains(LocalDate.of(2026, 7, 3));
        // Christmas 2022 was a Sunday: observed Monday the 26th
        assertThat(calendar.isObservedDayOff(LocalDate.of(2022, 12, 26))).isTrue();
        // New Year's Day 2022 was a Saturday: observed Friday Dec 31, 2021, in the year before
        assertThat(calendar.isObservedDayOff(LocalDate.of(2021, 12, 31))).isTrue();
        assertThat(calendar.isObservedDayOff(LocalDate.of(2026, 7, 6))).isFalse();
    }

    @Test
    void holidaysWithoutObservedRulesNeverMove() {
        assertThat(Holiday.THANKSGIVING.observedInstead(2026)).isEmpty();
        assertThat(Holiday.NEW_YEARS_EVE.observedInstead(2022)).isEmpty();
    }

    @Test
    void juneteenthOnlyFrom2021() {
        assertThat(Holiday.JUNETEENTH.date(2019)).isEmpty();
        assertThat(calendar.holidayOn(LocalDate.of(2023, 6, 19))).contains(Holiday.JUNETEENTH);
    }

    @Test
    void bulkOrdinalsAgreeWithSingleDayLookups() {
        LocalDate start = LocalDate.of(2016, 1, 1);
        int[] observedFor = new int[800];
        int[] ordinals = calendar.holidayOrdinals(start, 800, observedFor);
        for (int i = 0; i < 800; i++) {
            LocalDate d = start.plusDays(i);
            assertThat(ordinals[i])
                    .as(d.toString())
                    .isEqualTo(calendar.holidayOn(d).map(Enum::ordinal).orElse(-1));
            assertThat(observedFor[i] >= 0).as(d.toString()).isEqualTo(calendar.isObservedDayOff(d));
        }
    }
}
