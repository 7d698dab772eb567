package org.nyc311.forecast.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.Forecast;
import org.nyc311.forecast.ForecastSettings;
import org.nyc311.forecast.ModelFamily;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.forecast.SyntheticSeries;
import org.nyc311.forecast.model.ForecastModel;
import org.nyc311.model.calendar.HolidayCalendar;

class CandidatePoolTest {

    private static final LocalDate START = LocalDate.of(2016, 1, 1);
    /** Thanksgiving 2017 is a Thursday; the history ends the Sunday before, so it is day 4 of the forecast. */
    private static final LocalDate ORIGIN = LocalDate.of(2017, 11, 19);

    private static final int THANKSGIVING = 4;

    @Test
    void thanksgivingDipIsForecastByEveryWinner() {
        DailySeries s = series();
        ForecastSettings settings = ForecastSettings.of(14).withTrials(5);
        int n = s.length();
        int[] ends = {n};
        List<ForecastModel> winners = new ArrayList<>();
        for (Candidate c : new CandidatePool(HolidayCalendar.newYorkCity()).candidates(s, ends, settings)) {
            winners.add(c.model());
        }
        ForecastModel naive = winners.get(0);
        ForecastModel average = winners.get(1);
        ForecastModel ets = winners.get(6);
        ForecastModel prophet = winners.get(winners.size() - 1);
        winners.add(new EnsembleModel(List.of(ets, naive), new double[] {0.6, 0.4}));
        winners.add(new EnsembleModel(List.of(prophet, ets, average), new double[] {0.4, 0.3, 0.3}));
        for (ForecastModel winner : winners) {
            double[] f = winner.fit(s).predict(14);
            // the Thursday after is an ordinary Thursday: Thanksgiving must be well below it
            assertThat(f[THANKSGIVING] / f[THANKSGIVING + 7])
                    .as(winner.name() + " " + winner.hyperparameters())
                    .isLessThan(0.8);
        }
    }

    @Test
    void everyFamilyAloneForecastsTheDipThroughTheEngine() {
        DailySeries s = series();
        for (ModelFamily family :
                List.of(ModelFamily.SEASONAL_NAIVE, ModelFamily.SEASONAL_AVERAGE, ModelFamily.EXPONENTIAL_SMOOTHING)) {
            Forecast f = new SeriesForecaster(ForecastSettings.of(14).withFamilies(EnumSet.of(family))).forecast(s);
            double ratio = f.points().get(THANKSGIVING).yhat()
                    / f.points().get(THANKSGIVING + 7).yhat();
            assertThat(ratio).as(family.toString()).isLessThan(0.8);
        }
    }

    @Test
    void theYardstickSeasonalNaiveStaysTextbookWhenAdjustmentIsOff() {
        DailySeries s = series();
        Forecast f = new SeriesForecaster(ForecastSettings.of(14)
                        .withFamilies(EnumSet.of(ModelFamily.SEASONAL_NAIVE))
                        .withHolidayAdjustment(false))
                .forecast(s);
        int n = s.length();
        for (int h = 0; h < 14; h++) {
            assertThat(f.points().get(h).yhat()).isEqualTo(s.count(n - 7 + h % 7));
        }
    }

    private static DailySeries series() {
        SyntheticSeries.Shape shape = new SyntheticSeries.Shape(
                3000, new double[] {1.1, 1.05, 1, 1, 1, 0.7, 0.65}, 0.1, 1.0, 0.0, 0.6, 0.0, 0.5, 60, 0);
        int days = (int) (ORIGIN.toEpochDay() - START.toEpochDay());
        return SyntheticSeries.generate(shape, START, days, 17);
    }
}
