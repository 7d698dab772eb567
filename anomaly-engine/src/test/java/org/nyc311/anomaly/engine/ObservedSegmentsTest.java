package org.nyc311.anomaly.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ObservedSegmentsTest {

    private static final LocalDate D1 = LocalDate.of(2026, 3, 1);

    private record Forecast(double yhat, double lower, double upper) implements IntervalForecast {}

    private static LocalDate day(int n) {
        return D1.plusDays(n - 1L);
    }

    /** Counts of {@code 10 * n} on each day {@code n} given. */
    private static Map<LocalDate, Long> actualsOn(int... days) {
        Map<LocalDate, Long> actuals = new TreeMap<>();
        for (int n : days) {
            actuals.put(day(n), 10L * n);
        }
        return actuals;
    }

    /** The forecast 100 [80, 120] on each day {@code n} given. */
    private static Map<LocalDate, Forecast> forecastsOn(int... days) {
        Map<LocalDate, Forecast> forecasts = new TreeMap<>();
        for (int n : days) {
            forecasts.put(day(n), new Forecast(100, 80, 120));
        }
        return forecasts;
    }

    private static List<List<LocalDate>> dates(List<List<ObservedDay>> segments) {
        return segments.stream()
                .map(segment -> segment.stream().map(ObservedDay::date).toList())
                .toList();
    }

    @Test
    void consecutiveDaysWithBothAreOneSegmentOfObservedDays() {
        ObservedSegments observed = ObservedSegments.over(day(1), day(3), actualsOn(1, 2, 3), forecastsOn(1, 2, 3));

        assertThat(observed.segments())
                .containsExactly(List.of(
                        new ObservedDay(day(1), 10, 100, 80, 120),
                        new ObservedDay(day(2), 20, 100, 80, 120),
                        new ObservedDay(day(3), 30, 100, 80, 120)));
        assertThat(observed.lastDay()).contains(day(3));
    }

    @Test
    void aDayWithoutAnActualEndsASegment() {
        ObservedSegments observed =
                ObservedSegments.over(day(1), day(5), actualsOn(1, 2, 4, 5), forecastsOn(1, 2, 3, 4, 5));

        assertThat(dates(observed.segments())).containsExactly(List.of(day(1), day(2)), List.of(day(4), day(5)));
    }

    @Test
    void aDayWithoutAForecastEndsASegment() {
        ObservedSegments observed =
                ObservedSegments.over(day(1), day(5), actualsOn(1, 2, 3, 4, 5), forecastsOn(1, 3, 4));

        assertThat(dates(observed.segments())).containsExactly(List.of(day(1)), List.of(day(3), day(4)));
        assertThat(observed.lastDay())
                .as("the last day with both, not the range's end")
                .contains(day(4));
    }

    @Test
    void onlyTheRangesDaysAreRead() {
        ObservedSegments observed =
                ObservedSegments.over(day(2), day(3), actualsOn(1, 2, 3, 4), forecastsOn(1, 2, 3, 4));

        assertThat(dates(observed.segments())).containsExactly(List.of(day(2), day(3)));
    }

    @Test
    void withNoDayHavingBothNothingIsJudged() {
        ObservedSegments observed = ObservedSegments.over(day(1), day(4), actualsOn(1, 2), forecastsOn(3, 4));

        assertThat(observed.segments()).isEmpty();
        assertThat(observed.lastDay()).isEmpty();
        assertThat(observed.reaching(day(1))).isEmpty();
    }

    @Test
    void anEmptyRangeJudgesNothing() {
        ObservedSegments observed = ObservedSegments.over(day(3), day(2), actualsOn(2, 3), forecastsOn(2, 3));

        assertThat(observed.segments()).isEmpty();
        assertThat(observed.lastDay()).isEmpty();
    }

    @Test
    void segmentsEndingBeforeTheFirstNewDayAreContextOnly() {
        ObservedSegments observed =
                ObservedSegments.over(day(1), day(8), actualsOn(1, 2, 4, 5, 7, 8), forecastsOn(1, 2, 3, 4, 5, 6, 7, 8));

        assertThat(dates(observed.reaching(day(5))))
                .as("the segment ending on the first new day reaches it, with its earlier day as context")
                .containsExactly(List.of(day(4), day(5)), List.of(day(7), day(8)));
        assertThat(dates(observed.reaching(day(6)))).containsExactly(List.of(day(7), day(8)));
        assertThat(observed.reaching(day(9))).isEmpty();
        assertThat(observed.lastDay()).contains(day(8));
    }

    @Test
    void whenEveryJudgedDayIsBeforeTheFirstNewDayNoSegmentReachesIt() {
        ObservedSegments observed =
                ObservedSegments.over(day(1), day(6), actualsOn(1, 2, 3), forecastsOn(1, 2, 3, 4, 5, 6));

        assertThat(observed.reaching(day(4))).isEmpty();
        assertThat(observed.lastDay())
                .as("the caller compares it with its first new day")
                .contains(day(3));
    }

    @Test
    void aForecastTheDetectorCannotUseIsRefusedNamingTheDay() {
        Map<LocalDate, Forecast> inverted = Map.of(day(1), new Forecast(100, 120, 80));

        assertThatThrownBy(() -> ObservedSegments.over(day(1), day(1), actualsOn(1), inverted))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(day(1).toString());
    }
}
