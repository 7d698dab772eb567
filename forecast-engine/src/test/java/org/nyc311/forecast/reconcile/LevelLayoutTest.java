package org.nyc311.forecast.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.DailySeries;
import org.nyc311.model.series.Borough;
import org.nyc311.model.series.SeriesKey;

class LevelLayoutTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    @Test
    void aBoroughsUnforecastTypesBecomeItsRemainderAndTheCitySumsItsBoroughs() {
        Map<SeriesKey, DailySeries> series = new LinkedHashMap<>();
        series.put(SeriesKey.citywide(), days(31, 31, 33));
        series.put(SeriesKey.borough(Borough.BROOKLYN), days(20, 21, 22));
        series.put(SeriesKey.borough(Borough.QUEENS), days(10, 10, 10));
        series.put(SeriesKey.of("noise-residential", Borough.BROOKLYN), days(12, 15, 22));
        series.put(SeriesKey.of("heat-hot-water", Borough.BROOKLYN), days(5, 4, 0));

        LevelLayout layout = LevelLayout.of(series);

        assertThat(layout.nodes())
                .extracting(LevelLayout.Node::label)
                .containsExactly(
                        "all/all",
                        "all/brooklyn",
                        "all/queens",
                        "heat-hot-water/brooklyn",
                        "noise-residential/brooklyn",
                        "all/all#rest",
                        "all/brooklyn#rest");
        // the city less Brooklyn and Queens (Unspecified and the other boroughs were not forecast)
        assertThat(layout.nodes().get(5).history().values()).containsExactly(1, 0, 1);
        assertThat(layout.nodes().get(6).history().values()).containsExactly(3, 2, 0);
        assertThat(layout.hierarchy().sums()).hasSize(2);
        assertThat(layout.seriesNodes()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void partsThatMakeUpTheirParentLeaveNoRemainder() {
        Map<SeriesKey, DailySeries> series = new LinkedHashMap<>();
        series.put(SeriesKey.borough(Borough.BRONX), days(7, 9));
        series.put(SeriesKey.of("noise-residential", Borough.BRONX), days(4, 4));
        series.put(SeriesKey.of("heat-hot-water", Borough.BRONX), days(3, 5));

        LevelLayout layout = LevelLayout.of(series);

        assertThat(layout.nodes()).hasSize(3);
        assertThat(layout.hierarchy().sums()).singleElement().satisfies(sum -> {
            assertThat(sum.total()).isZero();
            assertThat(sum.parts()).containsExactly(1, 2);
        });
    }

    @Test
    void seriesEndingOnDifferentDaysAreRefused() {
        Map<SeriesKey, DailySeries> series = new LinkedHashMap<>();
        series.put(SeriesKey.borough(Borough.BRONX), days(7, 9));
        series.put(SeriesKey.of("noise-residential", Borough.BRONX), days(4));

        assertThatThrownBy(() -> LevelLayout.of(series))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("end on different days");
    }

    private static DailySeries days(double... counts) {
        return new DailySeries(START, counts);
    }
}
