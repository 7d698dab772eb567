package org.nyc311.forecastservice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nyc311.forecastservice.gold.SeriesHistory;
import org.nyc311.service.web.BadRequestException;

class PostedHistoryTest {

    private static org.nyc311.api.forecast.HistoryDay day(String date, double count) {
        return new org.nyc311.api.forecast.HistoryDay(LocalDate.parse(date), count);
    }

    @Test
    void daysLeftOutOfAPostedHistoryCountAsZero() {
        SeriesHistory history = ForecastController.posted(List.of(day("2026-01-01", 3), day("2026-01-04", 5)));
        assertThat(history.firstDate()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(history.counts()).containsExactly(3, 0, 0, 5);
    }

    @Test
    void aHistoryTooLongToBeUsefulIsRefused() {
        assertThatThrownBy(() -> ForecastController.posted(List.of(day("2000-01-01", 1), day("2026-01-01", 1))))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("at most");
    }

    @Test
    void notANumberIsNoCount() {
        assertThatThrownBy(() -> ForecastController.posted(List.of(day("2026-01-01", Double.NaN))))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("finite");
    }
}
