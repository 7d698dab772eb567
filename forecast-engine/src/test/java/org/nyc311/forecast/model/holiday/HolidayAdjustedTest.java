package org.nyc311.forecast.model.holiday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.model.ForecastModel;
import org.nyc311.forecast.model.baseline.ExponentialSmoothing;
import org.nyc311.forecast.model.baseline.SeasonalAverage;
import org.nyc311.forecast.model.baseline.SeasonalNaive;
import org.nyc311.model.calendar.HolidayCalendar;

class HolidayAdjustedTest {

    private static final HolidayCalendar NYC = HolidayCalendar.newYorkCity();
    private static final LocalDate START = LocalDate.of(2016, 1, 4);
    private static final List<ForecastModel> BASELINES = List.of(
            new SeasonalNaive(),
            new SeasonalAverage(4),
            new ExponentialSmoothing(true, true),
            new ExponentialSmoothing(true, false),
            new ExponentialSmoothing(false, true));

    @Test
    void aBaselineForecastsTheHolidayDipItsHistoryShowed() {
        DailySeries s = HolidaySeries.withDip(START, days(START, LocalDate.of(2017, 11, 20)), 0.5, 3);
        int thursday = 3; // Thanksgiving 2017-11-23, forecast from Monday the 20th
        for (ForecastModel baseline : BASELINES) {
            double[] plain = baseline.fit(s).predict(14);
            double[] adjusted = new HolidayAdjusted(baseline, NYC).fit(s).predict(14);
            assertThat(adjusted[thursday] / plain[thursday])
                    .as(baseline + " " + baseline.hyperparameters())
                    .isCloseTo(Math.exp(-0.5), within(0.1));
            // an ordinary Thursday moves only as far as the cleaned history moves the fit
            assertThat(adjusted[thursday + 7] / plain[thursday + 7])
                    .as("an ordinary Thursday")
                    .isCloseTo(1.0, within(0.05));
        }
    }

    @Test
    void lastWeeksHolidayDoesNotPropagateIntoNextWeek() {
        // history ends on the Sunday after Columbus Day (Monday 2017-10-09)
        LocalDate end = LocalDate.of(2017, 10, 16);
        DailySeries s = HolidaySeries.withDip(START, days(START, end), 0.5, 5);
        double ordinaryMonday = HolidaySeries.LEVEL * HolidaySeries.WEEK[DayOfWeek.MONDAY.getValue() - 1];
        double plain = new SeasonalNaive().fit(s).predict(7)[0];
        double adjusted = new HolidayAdjusted(new SeasonalNaive(), NYC).fit(s).predict(7)[0];
        assertThat(plain).as("textbook seasonal naive copies the dip").isLessThan(0.7 * ordinaryMonday);
        assertThat(adjusted).isCloseTo(ordinaryMonday, within(0.15 * ordinaryMonday));
    }

    @Test
    void prefixFitsNeverSeeTheDaysAfterTheirPrefix() {
        DailySeries s = HolidaySeries.withDip(START, 600, 0.4, 7);
        double[] later = s.values();
        for (int t = 500; t < later.length; t++) {
            later[t] *= 3;
        }
        int[] ends = {450, 500};
        for (ForecastModel baseline : BASELINES) {
            HolidayAdjusted model = new HolidayAdjusted(baseline, NYC);
            double[] a = model.onPrefixes(s, ends).fitUpTo(500).predict(30);
            double[] b = model.onPrefixes(new DailySeries(START, later), ends)
                    .fitUpTo(500)
                    .predict(30);
            assertThat(b).as(baseline.toString()).containsExactly(a);
        }
    }

    @Test
    void keepsTheWrappedModelsNameAndSaysHolidaysAreAdjusted() {
        HolidayAdjusted model = new HolidayAdjusted(new SeasonalAverage(3), NYC);
        assertThat(model.name()).isEqualTo("seasonal_average");
        assertThat(model.hyperparameters()).containsEntry("weeks", "3").containsEntry("holidays", "own_history");
    }

    private static int days(LocalDate from, LocalDate to) {
        return (int) (to.toEpochDay() - from.toEpochDay());
    }
}
