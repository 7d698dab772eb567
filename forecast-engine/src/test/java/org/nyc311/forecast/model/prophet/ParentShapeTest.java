package org.nyc311.forecast.model.prophet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.Forecast;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.model.calendar.Holiday;
import org.nyc311.model.calendar.HolidayCalendar;

class ParentShapeTest {

    private static final HolidayCalendar CALENDAR = HolidayCalendar.newYorkCity();
    private static final double[] WEEKLY = {1.15, 1.10, 1.05, 1.05, 1.00, 0.70, 0.65}; // Mon..Sun
    /** A summer peak 1.8 times the winter trough, as residential noise has. */
    private static final double YEARLY_AMPLITUDE = 0.3;

    @Test
    void aSeriesOfFiveMonthsForecastsTheTurnOfASeasonItHasNotSeenWithItsParentsSeason() {
        LocalDate parentStart = LocalDate.of(2021, 1, 1);
        LocalDate childStart = LocalDate.of(2023, 2, 15);
        LocalDate origin = LocalDate.of(2023, 7, 15);
        DailySeries parent = series(parentStart, origin, 5_000, 1);
        DailySeries child = series(childStart, origin, 150, 2);
        DailySeries truth = series(origin, origin.plusDays(60), 150, 3);
        Parent shape = Parent.of(parent);

        double[] alone = new ProphetModel(ProphetSettings.defaults(), CALENDAR)
                .fit(child)
                .predict(60);
        double[] borrowing = new ProphetModel(ProphetSettings.defaults(), CALENDAR, shape)
                .fit(child)
                .predict(60);

        // five months of nothing but the rise to the summer peak: alone, the trend carries it on into the fall
        assertThat(meanAbsoluteError(borrowing, truth.values()))
                .isLessThan(0.6 * meanAbsoluteError(alone, truth.values()));
    }

    @Test
    void aHolidayTheSeriesHasNotSeenTakesItsParentsEffect() {
        LocalDate parentStart = LocalDate.of(2020, 1, 1);
        LocalDate childStart = LocalDate.of(2023, 1, 2);
        LocalDate origin = LocalDate.of(2023, 6, 1);
        DailySeries parent = withJulyFourthDip(series(parentStart, origin, 5_000, 4), -0.7);
        DailySeries child = series(childStart, origin, 300, 5);
        Parent shape = Parent.of(parent);
        int julyFourth = (int) ChronoUnit.DAYS.between(origin, LocalDate.of(2023, 7, 4));
        ProphetSettings noYear = new ProphetSettings(0.05, 1.0, 1.0, 3, 0, 0.8);

        double[] alone = new ProphetModel(noYear, CALENDAR).fit(child).predict(40);
        double[] borrowing =
                new ProphetModel(noYear, CALENDAR, shape).fit(child).predict(40);

        // July 4th 2023 is a Tuesday; the Tuesday a week before is an ordinary one
        double dipAlone = Math.log1p(alone[julyFourth]) - Math.log1p(alone[julyFourth - 7]);
        double dipBorrowing = Math.log1p(borrowing[julyFourth]) - Math.log1p(borrowing[julyFourth - 7]);
        assertThat(dipBorrowing).isLessThan(dipAlone - 0.4);
        assertThat(ParentShape.of(parent).orElseThrow().dayOff()[Holiday.INDEPENDENCE_DAY.ordinal()])
                .isLessThan(-0.2);
    }

    @Test
    void aSeriesWithAWholeYearFitsItsOwnAndIgnoresTheParent() {
        LocalDate origin = LocalDate.of(2023, 5, 1);
        DailySeries parent = series(LocalDate.of(2020, 1, 1), origin, 5_000, 6);
        DailySeries child = series(origin.minusDays(400), origin, 150, 7);
        SeriesForecaster forecaster =
                new SeriesForecaster(ForecastSettings.of(14).withTrials(4));

        Forecast alone = forecaster.forecast(child);
        Forecast offered = forecaster.forecast(child, Parent.of(parent));

        assertThat(offered.points()).isEqualTo(alone.points());
        assertThat(offered.hyperparameters()).doesNotContainKey(ProphetModel.BORROWED_SHAPE);
    }

    @Test
    void theForecastSaysWhenItsYearWasBorrowed() {
        LocalDate origin = LocalDate.of(2023, 5, 1);
        DailySeries parent = series(LocalDate.of(2021, 1, 1), origin, 5_000, 8);
        DailySeries child = series(LocalDate.of(2022, 12, 1), origin, 150, 9);
        SeriesForecaster forecaster = new SeriesForecaster(ForecastSettings.of(30)
                .withTrials(4)
                .withFamilies(java.util.EnumSet.of(org.nyc311.forecast.ModelFamily.PROPHET)));

        Forecast offered = forecaster.forecast(child, Parent.of(parent));

        assertThat(offered.model()).isEqualTo("prophet");
        // a parent without a year behind it by the series' last day lends nothing, and the forecast says nothing
        assertThat(forecaster.forecast(child, Parent.of(parent.prefix(300))).hyperparameters())
                .doesNotContainKey(ProphetModel.BORROWED_SHAPE);
        assertThat(offered.hyperparameters())
                .containsEntry(
                        ProphetModel.BORROWED_SHAPE,
                        Integer.parseInt(offered.hyperparameters().get("yearly_order")) > 0
                                ? ProphetModel.SEASON_AND_HOLIDAYS
                                : ProphetModel.HOLIDAYS);
    }

    @Test
    void noFitOfTheRaceOrTheCalibrationSeesTheParentOnOrAfterTheFirstDayItForecasts() {
        DailySeries parent = series(LocalDate.of(2019, 1, 1), LocalDate.of(2024, 6, 23), 5_000, 13);
        DailySeries child = series(LocalDate.of(2023, 6, 1), LocalDate.of(2024, 2, 6), 150, 14);
        int[] ends = org.nyc311.forecast.selection.RollingOrigins.of(child.length(), 30, 3)
                .union(child.length());
        for (int end : ends) {
            LocalDate cutoff = child.date(end);
            double[] base = fitted(child, ends, end, parent);
            assertThat(fitted(child, ends, end, times(parent, cutoff, 50)))
                    .as("the parent on the first forecast day, prefix of %d days", end)
                    .containsExactly(base);
            assertThat(fitted(child, ends, end, times(parent, cutoff.minusDays(1), 50)))
                    .as("the parent on the prefix's last day, prefix of %d days", end)
                    .isNotEqualTo(base);
        }
    }

    private static double[] fitted(DailySeries child, int[] ends, int end, DailySeries parent) {
        return ProphetDesign.build(child, CALENDAR, ends, Parent.of(parent))
                .fit(ProphetSettings.defaults(), end)
                .predict(30);
    }

    private static DailySeries times(DailySeries s, LocalDate day, double factor) {
        double[] y = s.values();
        int i = (int) ChronoUnit.DAYS.between(s.start(), day);
        y[i] *= factor;
        return new DailySeries(s.start(), y);
    }

    @Test
    void whatWasBorrowedIsReadFromAnEnsemblesMemberToo() {
        assertThat(ProphetModel.borrowed(java.util.Map.of("ets.weight", "0.4", "prophet.from_parent", "holidays")))
                .contains(ProphetModel.HOLIDAYS);
        assertThat(ProphetModel.borrowed(java.util.Map.of("yearly_order", "6"))).isEmpty();
    }

    @Test
    void eachFitBorrowsTheShapeTheParentHadAtTheEndOfItsHistoryAndNoLater() {
        LocalDate origin = LocalDate.of(2023, 5, 1);
        DailySeries full = series(LocalDate.of(2021, 1, 1), origin, 5_000, 11);
        Parent parent = Parent.of(full);

        assertThat(parent.shapeBefore(LocalDate.of(2022, 6, 1))).isEqualTo(ParentShape.of(full.prefix((int)
                ChronoUnit.DAYS.between(full.start(), LocalDate.of(2022, 6, 1)))));
        assertThat(parent.shapeBefore(origin.plusDays(30))).isEqualTo(ParentShape.of(full));
        assertThat(parent.shapeBefore(LocalDate.of(2021, 12, 31))).isEmpty(); // under a year behind it
        assertThat(parent.canLend()).isTrue();
        assertThat(Parent.of(full.prefix(300)).canLend()).isFalse();

        // a child fitted on its days to 2023-03-01 borrows the parent as it was then, whatever the parent saw later
        DailySeries child = series(LocalDate.of(2022, 11, 1), LocalDate.of(2023, 3, 1), 150, 12);
        double[] asOfThen = new ProphetModel(ProphetSettings.defaults(), CALENDAR, Parent.of(full.prefix((int)
                        ChronoUnit.DAYS.between(full.start(), LocalDate.of(2023, 3, 1)))))
                .fit(child)
                .predict(30);
        double[] withMore = new ProphetModel(ProphetSettings.defaults(), CALENDAR, parent)
                .fit(child)
                .predict(30);
        assertThat(withMore).containsExactly(asOfThen);
    }

    @Test
    void aParentWithoutAWholeYearHasNoShapeToLend() {
        LocalDate origin = LocalDate.of(2023, 5, 1);
        assertThat(ParentShape.of(series(origin.minusDays(364), origin, 5_000, 10)))
                .isEmpty();
        assertThat(ParentShape.of(new DailySeries(origin.minusDays(800), new double[800])))
                .isEmpty();
    }

    @Test
    void aShapeOfTheWrongSizeOrNotFiniteIsRefused() {
        double[] dayOff = new double[Holiday.values().length + 3];
        assertThatThrownBy(() -> new ParentShape(new double[3], dayOff)).isInstanceOf(IllegalArgumentException.class);
        double[] yearly = new double[2 * ProphetSettings.MAX_YEARLY_ORDER];
        yearly[0] = Double.NaN;
        assertThatThrownBy(() -> new ParentShape(yearly, dayOff)).isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code level} a day times the weekly pattern times a yearly swing peaking in mid-July, log-normal noise. */
    private static DailySeries series(LocalDate from, LocalDate until, double level, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int days = (int) ChronoUnit.DAYS.between(from, until);
        double[] y = new double[days];
        for (int t = 0; t < days; t++) {
            LocalDate day = from.plusDays(t);
            double season = YEARLY_AMPLITUDE * Math.cos(2 * Math.PI * (day.getDayOfYear() - 196) / 365.25);
            double w = WEEKLY[day.getDayOfWeek().getValue() - 1];
            y[t] = Math.round(level * w * Math.exp(season + 0.05 * gaussian(r)));
        }
        return new DailySeries(from, y);
    }

    private static DailySeries withJulyFourthDip(DailySeries s, double logDip) {
        double[] y = s.values();
        for (int t = 0; t < y.length; t++) {
            LocalDate day = s.date(t);
            if (CALENDAR.holidayOn(day)
                    .filter(h -> h == Holiday.INDEPENDENCE_DAY)
                    .isPresent()) {
                y[t] = Math.round(y[t] * Math.exp(logDip));
            }
        }
        return new DailySeries(s.start(), y);
    }

    private static double meanAbsoluteError(double[] forecast, double[] actual) {
        return Arrays.stream(java.util.stream.IntStream.range(0, forecast.length)
                        .mapToDouble(h -> Math.abs(forecast[h] - actual[h]))
                        .toArray())
                .average()
                .orElseThrow();
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
