package org.nyc311.forecastservice.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.DailySeries;
import org.nyc311.forecast.SeriesForecaster;
import org.nyc311.forecast.model.prophet.Parent;
import org.nyc311.forecast.model.prophet.ParentShape;
import org.nyc311.forecast.model.prophet.ProphetModel;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.forecastservice.gold.SeriesHistory;
import org.nyc311.forecastservice.metrics.ForecastMetrics;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

class ParentShapesTest {

    private static final LocalDate LAST = LocalDate.of(2026, 7, 15);
    private static final SeriesKey CITY = SeriesKey.citywide();
    private static final SeriesKey BROOKLYN = SeriesKey.borough(Borough.BROOKLYN);
    private static final SeriesKey STATEN_ISLAND = SeriesKey.borough(Borough.STATEN_ISLAND);
    private static final SeriesKey NOISE_BK = SeriesKey.of("noise-residential", Borough.BROOKLYN);
    private static final SeriesKey NOISE_SI = SeriesKey.of("noise-residential", Borough.STATEN_ISLAND);

    @Test
    void aTypeBorrowsFromItsBoroughAndABoroughFromTheCity() {
        assertThat(ParentShapes.parentOf(NOISE_BK)).contains(BROOKLYN);
        assertThat(ParentShapes.parentOf(BROOKLYN)).contains(CITY);
        assertThat(ParentShapes.parentOf(CITY)).isEmpty();
    }

    @Test
    void onlyASeriesUnderAYearBorrowsAndAParentUnderAYearPassesItsOwnParentsShapeOn() {
        ParentShapes parents = ParentShapes.among(List.of(
                history(CITY, 800, 5_000),
                history(BROOKLYN, 800, 1_500),
                history(STATEN_ISLAND, 200, 300),
                history(NOISE_BK, 150, 120),
                history(NOISE_SI, 150, 20)));

        assertThat(parents.forSeries(history(NOISE_BK, 150, 120)))
                .map(ParentShapes.Lent::key)
                .contains(BROOKLYN);
        assertThat(parents.forSeries(history(NOISE_SI, 150, 20)))
                .map(ParentShapes.Lent::key)
                .contains(CITY);
        assertThat(parents.forSeries(history(STATEN_ISLAND, 200, 300)))
                .map(ParentShapes.Lent::key)
                .contains(CITY);
        assertThat(parents.forSeries(history(NOISE_BK, 365, 120))).isEmpty();
        assertThat(parents.forSeries(history(NOISE_BK, 150, 120))
                        .orElseThrow()
                        .parent()
                        .shapeBefore(LAST.plusDays(1)))
                .isEqualTo(ParentShape.of(series(history(BROOKLYN, 800, 1_500))));
    }

    @Test
    void eachParentIsLookedUpOnceAndAMissingOneLendsNothing() {
        ParentShapes parents = ParentShapes.among(List.of(history(BROOKLYN, 800, 1_500)));

        ParentShapes.Lent first = parents.forSeries(history(NOISE_BK, 150, 120)).orElseThrow();
        ParentShapes.Lent again = parents.forSeries(history(NOISE_BK, 100, 120)).orElseThrow();
        // Staten Island is not in the training, nor is the city: nothing to borrow
        Optional<ParentShapes.Lent> none = parents.forSeries(history(NOISE_SI, 150, 20));

        assertThat(again).isSameAs(first);
        assertThat(none).isEmpty();
    }

    @Test
    void aTrainingFitsAShortSeriesWithItsParentsShapeAndSaysWhichParentUnlessSwitchedOff() {
        List<SeriesHistory> training =
                List.of(history(CITY, 800, 5_000), history(BROOKLYN, 800, 1_500), history(NOISE_BK, 150, 120));
        Parent brooklyn = Parent.of(series(history(BROOKLYN, 800, 1_500)));

        SeriesFit on = fitted(training, null, NOISE_BK);
        SeriesFit off = fitted(training, false, NOISE_BK);

        SeriesForecaster engine = new SeriesForecaster(fitter(null).settings(14));
        DailySeries noise = series(history(NOISE_BK, 150, 120));
        assertThat(on.points()).isEqualTo(engine.forecast(noise, brooklyn).points());
        assertThat(off.points()).isEqualTo(engine.forecast(noise).points());
        // five months of the rise to the summer peak: the parent's season turns the forecast, the series alone cannot
        assertThat(on.hyperparameters())
                .containsEntry(ProphetModel.BORROWED_SHAPE, ProphetModel.SEASON_AND_HOLIDAYS)
                .containsEntry(SeriesFitter.PARENT_SERIES, BROOKLYN.id());
        assertThat(on.points()).isNotEqualTo(off.points());
        assertThat(off.hyperparameters()).doesNotContainKeys(SeriesFitter.PARENT_SERIES, ProphetModel.BORROWED_SHAPE);
        // a series with a year of its own fits as it always did
        assertThat(fitted(training, null, BROOKLYN).points())
                .isEqualTo(fitted(training, false, BROOKLYN).points());
    }

    private static SeriesFit fitted(List<SeriesHistory> training, Boolean borrow, SeriesKey key) {
        SeriesFitter fitter = fitter(borrow);
        try {
            return fitter.fitAll(training, 14).fitted().stream()
                    .filter(fit -> fit.key().equals(key))
                    .findFirst()
                    .orElseThrow();
        } finally {
            fitter.destroy();
        }
    }

    private static SeriesFitter fitter(Boolean borrow) {
        ForecastProperties properties =
                new ForecastProperties(14, 0, 0, 4, 0, 2, null, 0, null, null, null, null, null, null, borrow);
        return new SeriesFitter(properties, new ForecastMetrics(new SimpleMeterRegistry()));
    }

    /** {@code days} days to {@link #LAST} of {@code level} a day with a summer peak and a weekly pattern. */
    private static SeriesHistory history(SeriesKey key, int days, double level) {
        SplittableRandom random = new SplittableRandom(key.id().hashCode());
        LocalDate first = LAST.minusDays(days - 1L);
        double[] y = new double[days];
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            double season = 0.3 * Math.cos(2 * Math.PI * (day.getDayOfYear() - 196) / 365.25);
            double weekly = day.getDayOfWeek().getValue() >= 6 ? 0.7 : 1.0;
            y[d] = Math.round(level * weekly * Math.exp(season + 0.05 * random.nextGaussian()));
        }
        return new SeriesHistory(key, first, y);
    }

    private static DailySeries series(SeriesHistory history) {
        return new DailySeries(history.firstDate(), history.counts());
    }
}
