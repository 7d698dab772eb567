package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(
        description =
                "One series' actual daily counts from gold, ordered by day; a day gold has no row for is left out")
public record SeriesHistoryView(
        @Schema(example = "noise-residential/brooklyn") String seriesId, List<DailyCountView> days) {

    public SeriesHistoryView {
        days = List.copyOf(days);
    }
}
