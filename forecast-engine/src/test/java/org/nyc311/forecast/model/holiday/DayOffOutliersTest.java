package org.nyc311.forecast.model.holiday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.DailySeries;
import org.nyc311.model.calendar.HolidayCalendar;

class DayOffOutliersTest {

    private static final HolidayCalendar NYC = HolidayCalendar.newYorkCity();
    private static final LocalDate START = LocalDate.of(2016, 1, 4);

    @Test
    void aHolidayOnAColdSnapLiesAboveTheBandAndOrdinaryHolidaysDoNot() {
        double[] y = HolidaySeries.withDip(START, 400, 0.4, 0).values();
        int presidentsDay = index(LocalDate.of(2016, 2, 15));
        y[presidentsDay] = 1.35 * HolidaySeries.LEVEL * HolidaySeries.WEEK[0]; // +0.3 where the others dip -0.4
        DayOffOutliers.Excess excess =
                DayOffOutliers.of(new DailySeries(START, y), NYC).before(400);
        assertThat(excess.days()).containsExactly(presidentsDay);
        // clipped to the band's top, about -0.4 + 0.23, from +0.3
        assertThat(excess.excess()[0]).isBetween(0.3, 0.6);
    }

    @Test
    void aPrefixSeesOnlyTheDaysOffInsideIt() {
        double[] y = HolidaySeries.withDip(START, 400, 0.4, 0).values();
        int thanksgiving = index(LocalDate.of(2016, 11, 24));
        y[thanksgiving] = 2 * HolidaySeries.LEVEL;
        DayOffOutliers outliers = DayOffOutliers.of(new DailySeries(START, y), NYC);
        assertThat(outliers.before(thanksgiving).days()).isEmpty();
        assertThat(outliers.before(thanksgiving + 1).days()).containsExactly(thanksgiving);
    }

    private static int index(LocalDate date) {
        return (int) (date.toEpochDay() - START.toEpochDay());
    }
}
