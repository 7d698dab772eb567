package org.nyc311.anomaly.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.nyc311.anomaly.store.SeriesCheckState;

/** Which days a check reads and judges per series, and that no series holds the shared gold read back. */
class CheckWindowTest {

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 6, 30);
    private static final int Z_WINDOW = 28;
    private static final int LOOKBACK = 120;

    @Test
    void aSeriesInTheForecastSetIsJudgedFromTheDayAfterItsLastCheckWithTwiceTheZWindowAsContext() {
        SeriesCheckState live =
                checked("noise-residential/brooklyn", LocalDate.of(2026, 1, 1), LAST_DAY.minusDays(1), null);

        assertThat(window(live, LAST_DAY))
                .contains(new CheckWindow(
                        "noise-residential/brooklyn", LAST_DAY, LAST_DAY.minusDays(2L * Z_WINDOW), Optional.empty()));
    }

    @Test
    void aSeriesThatLeftTheForecastSetIsJudgedOnceMoreThenNeverPinsTheReadAgain() {
        // a rare series last forecast for March, whose last days had no requests (gold has no row for them): the
        // last day judged stayed at 2026-03-10, and before the fix every later check read gold from 2026-02-11 on
        SeriesCheckState departed = new SeriesCheckState(
                "rodent/staten-island",
                LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 3, 15),
                Optional.of(LocalDate.of(2026, 3, 10)),
                Optional.empty());

        CheckWindow last = window(departed, LAST_DAY).orElseThrow();
        assertThat(last.exhaustedOn()).contains(LocalDate.of(2026, 3, 15));
        assertThat(last.checkedThrough(Optional.empty()))
                .as("nothing judged: checked through its last forecast all the same")
                .contains(LocalDate.of(2026, 3, 15));

        SeriesCheckState after = new SeriesCheckState(
                departed.seriesId(),
                departed.firstForecastDay(),
                departed.lastForecastDay(),
                last.checkedThrough(Optional.empty()),
                Optional.empty());
        assertThat(window(after, LAST_DAY)).isEmpty();
        assertThat(window(after, LAST_DAY.plusDays(1))).isEmpty();
    }

    @Test
    void aSeriesStillForecastKeepsItsLastJudgedDay() {
        SeriesCheckState live =
                checked("noise-residential/brooklyn", LocalDate.of(2026, 1, 1), LAST_DAY.minusDays(3), null);

        CheckWindow window = window(live, LAST_DAY).orElseThrow();

        assertThat(window.exhaustedOn()).isEmpty();
        assertThat(window.checkedThrough(Optional.of(LAST_DAY.minusDays(1)))).contains(LAST_DAY.minusDays(1));
        assertThat(window.checkedThrough(Optional.empty())).isEmpty();
    }

    @Test
    void aSeriesWithoutActualsForMonthsResumesAtTheLookbackEdgeNotWhereItStopped() {
        SeriesCheckState stalled = checked(
                "taxi-report/queens", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 20));

        CheckWindow window = window(stalled, LAST_DAY).orElseThrow();

        assertThat(window.firstNew()).isEqualTo(LAST_DAY.minusDays(LOOKBACK));
        assertThat(window.from()).isEqualTo(LAST_DAY.minusDays(2L * LOOKBACK));
    }

    @Test
    void anOpenEpisodeIsReadWholeAndANewSeriesStartsAtItsFirstForecast() {
        SeriesCheckState alerting =
                checked("heat-hot-water/bronx", LocalDate.of(2026, 1, 1), LAST_DAY.minusDays(1), LAST_DAY.minusDays(5));
        SeriesCheckState fresh = new SeriesCheckState(
                "all/all", LAST_DAY.minusDays(3), LAST_DAY.plusDays(10), Optional.empty(), Optional.empty());

        assertThat(window(alerting, LAST_DAY).orElseThrow().from()).isEqualTo(LAST_DAY.minusDays(5 + 2L * Z_WINDOW));
        assertThat(window(fresh, LAST_DAY))
                .contains(new CheckWindow("all/all", LAST_DAY.minusDays(3), LAST_DAY.minusDays(3), Optional.empty()));
    }

    /**
     * A series forecast from {@code firstForecastDay} to two weeks after {@link #LAST_DAY}, checked through
     * {@code lastChecked}, with the start of its open episode if it has one.
     */
    private static SeriesCheckState checked(
            String seriesId, LocalDate firstForecastDay, LocalDate lastChecked, @Nullable LocalDate openRunStart) {
        return new SeriesCheckState(
                seriesId,
                firstForecastDay,
                LAST_DAY.plusDays(14),
                Optional.of(lastChecked),
                Optional.ofNullable(openRunStart));
    }

    /** The window of a check whose gold ends on {@code lastDay}, with this test's z-window and lookback. */
    private static Optional<CheckWindow> window(SeriesCheckState state, LocalDate lastDay) {
        return CheckWindow.of(state, lastDay, Z_WINDOW, LOOKBACK);
    }
}
