package org.nyc311.forecastservice.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.CalibrationErrors;
import org.nyc311.forecast.metrics.Accuracy;
import org.nyc311.model.series.SeriesKey;

class FitOutcomeTest {

    private static SeriesFit fit(String id, Accuracy accuracy) {
        return new SeriesFit(
                SeriesKey.parse(id),
                "m",
                Map.of(),
                accuracy,
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 3, 1),
                List.of(),
                Duration.ZERO,
                CalibrationErrors.NONE);
    }

    @Test
    void theTrainingsAccuracyIsItsFittedSeriesCrossValidationPooled() {
        Accuracy all = new Accuracy(10, 20, 1.0, 0.9, 30, 0);
        Accuracy bronx = new Accuracy(40, 50, 2.0, 0.6, 10, 5);
        FitOutcome outcome = new FitOutcome(
                List.of(fit("all/all", all), fit("all/bronx", bronx), fit("all/queens", Accuracy.NONE)),
                List.of(new FitOutcome.Failure("all/manhattan", "boom")));

        Accuracy pooled = outcome.pooled();

        assertThat(pooled).isEqualTo(Accuracy.pooled(List.of(all, bronx)));
        assertThat(pooled.points()).isEqualTo(40);
        assertThat(pooled.wape()).isCloseTo((20 * 30 + 50 * 10) / 40.0, within(1e-9));
    }

    @Test
    void withoutAnyCrossValidationThePooledAccuracyIsUndefined() {
        assertThat(new FitOutcome(List.of(fit("all/all", Accuracy.NONE)), List.of()).pooled())
                .isEqualTo(Accuracy.NONE);
    }
}
