package org.nyc311.forecast.model.holiday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.DailySeries;
import org.nyc311.model.calendar.Holiday;
import org.nyc311.model.calendar.HolidayCalendar;

class HolidayEffectsTest {

    private static final HolidayCalendar NYC = HolidayCalendar.newYorkCity();
    private static final LocalDate START = LocalDate.of(2016, 1, 4);

    @Test
    void learnsTheDipOfEachHolidayFromTheSeriesOwnHistory() {
        DailySeries s = HolidaySeries.withDip(START, 2 * 364, 0.5, 0);
        HolidayEffects effects = HolidayEffects.estimate(s, NYC);
        assertThat(effects.shared()).isCloseTo(-0.5, within(0.1));
        assertThat(effects.effect(Holiday.THANKSGIVING)).isCloseTo(-0.5, within(0.1));
        assertThat(effects.effect(Holiday.COLUMBUS_DAY)).isCloseTo(-0.5, within(0.1));
    }

    @Test
    void aHolidayThatFellOnAColdSnapKeepsTheDipTheOtherHolidaysShow() {
        DailySeries clean = HolidaySeries.withDip(START, 364, 0.4, 0);
        double[] y = clean.values();
        int presidentsDay = (int) (LocalDate.of(2016, 2, 15).toEpochDay() - START.toEpochDay());
        y[presidentsDay] = 1.4 * HolidaySeries.LEVEL; // heating complaints up, not down
        HolidayEffects effects = HolidayEffects.estimate(new DailySeries(START, y), NYC);
        assertThat(effects.effect(Holiday.PRESIDENTS_DAY)).isNegative();
        assertThat(effects.shared()).isCloseTo(-0.4, within(0.1));
    }

    @Test
    void aWeekdayTakenOffForAWeekendHolidayDipsAsThatHolidayDoes() {
        // Veterans Day 2017 is a Saturday, so Friday the 10th is the day off. Veterans Day (on weekdays
        // in 2015 and 2016) moves this series less than the observed Mondays after Christmas 2016 and
        // New Year's 2017, which must not decide the Friday.
        LocalDate start = LocalDate.of(2015, 1, 5);
        LocalDate friday = LocalDate.of(2017, 11, 10);
        DailySeries s = HolidaySeries.withDips(
                start, (int) (friday.toEpochDay() - start.toEpochDay()), Map.of(Holiday.VETERANS_DAY, 0.45), 0.6, 0);
        HolidayEffects effects = HolidayEffects.estimate(s, NYC);
        double onFriday = effects.onDays(s.length(), 1)[0];
        assertThat(onFriday).isEqualTo(effects.effect(Holiday.VETERANS_DAY)).isCloseTo(-0.45, within(0.05));
        assertThat(effects.effect(Holiday.CHRISTMAS_DAY)).isCloseTo(-0.6, within(0.05));
    }

    @Test
    void aHolidayThatMovesTheSeriesMoreThanOthersEveryYearKeepsItsOwnEffect() {
        // Thanksgiving halves this series every year, other days off take a quarter off: three
        // Thanksgivings agree, so the clip must centre on them, not on the median day off
        DailySeries s = HolidaySeries.withDips(START, 3 * 364, Map.of(Holiday.THANKSGIVING, 0.9), 0.3, 0);
        HolidayEffects effects = HolidayEffects.estimate(s, NYC);
        assertThat(effects.effect(Holiday.THANKSGIVING)).isCloseTo(-0.9, within(0.05));
        assertThat(effects.effect(Holiday.COLUMBUS_DAY)).isCloseTo(-0.3, within(0.05));
    }

    @Test
    void aSeriesWithoutDaysOffHasNoEffects() {
        DailySeries s = HolidaySeries.withDip(START, 14, 0.5, 0); // Jan 4-17, 2016: before MLK day
        HolidayEffects effects = HolidayEffects.estimate(s, NYC);
        assertThat(effects.shared()).isZero();
        assertThat(effects.onDays(0, 400)).containsOnly(0.0);
    }

    @Test
    void removingAndPuttingBackTheEffectsGivesTheCountsBack() {
        DailySeries s = HolidaySeries.withDip(START, 400, 0.3, 7);
        HolidayEffects effects = HolidayEffects.estimate(s, NYC);
        double[] ordinary = effects.withoutHolidays(s.values());
        double[] back = effects.withHolidays(ordinary, 0);
        for (int t = 0; t < s.length(); t++) {
            assertThat(back[t]).isCloseTo(s.count(t), within(1e-6 * (1 + s.count(t))));
        }
        int thanksgiving = (int) (LocalDate.of(2016, 11, 24).toEpochDay() - START.toEpochDay());
        assertThat(ordinary[thanksgiving]).isGreaterThan(s.count(thanksgiving) * 1.2);
    }
}
