package org.nyc311.forecast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.nyc311.forecast.DailySeries;

class OriginForecastsTest {

    @Test
    void coverageByMonthCountsEachForecastDayInItsOwnMonth() {
        // 2024-01-29 .. 2024-02-09: ten at every day; the two origins' forecasts straddle the month's end
        double[] counts = new double[12];
        java.util.Arrays.fill(counts, 10);
        DailySeries series = new DailySeries(LocalDate.of(2024, 1, 29), counts);
        double[][] covering = {{10, 8, 12}, {10, 8, 12}, {10, 8, 12}, {10, 8, 12}};
        double[][] missingTheLastTwo = {{10, 8, 12}, {10, 8, 12}, {11, 11, 12}, {11, 11, 12}};
        // origin 1: days 1..4 (Jan 30, 31, Feb 1, 2); origin 6: days 6..9 (Feb 4..7)
        OriginForecasts forecasts = new OriginForecasts(Map.of(1, covering, 6, missingTheLastTwo));

        SortedMap<YearMonth, int[]> months = forecasts.coverageByMonth(series, new int[] {1, 6});

        assertThat(months.keySet()).containsExactly(YearMonth.of(2024, 1), YearMonth.of(2024, 2));
        assertThat(months.get(YearMonth.of(2024, 1))).containsExactly(2, 2);
        assertThat(months.get(YearMonth.of(2024, 2))).containsExactly(4, 6);
    }

    @Test
    void theMonthlyRowLeavesOutThinMonthsAndNamesThoseUnder90Percent() {
        SortedMap<YearMonth, int[]> months = new java.util.TreeMap<>();
        months.put(YearMonth.of(2017, 1), new int[] {25, 31});
        months.put(YearMonth.of(2017, 2), new int[] {28, 28});
        months.put(YearMonth.of(2017, 3), new int[] {3, 3});

        String row = ForecastBenchmark.monthlyCoverageRow("citywide", 7, "engine", months);

        assertThat(row)
                .startsWith("| citywide | 7 | engine | 2 | 0.097 | 2017-01 0.81 | 2017-02 1.00 | 2017-01 0.81 |");
    }
}
