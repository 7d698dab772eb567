package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(description = "An on-demand forecast: a stored series id, or a posted history; horizon 1 to 90 days")
public record OnDemandRequest(
        @Schema(example = "noise-residential/brooklyn") String seriesId,
        List<HistoryDay> history,
        @Schema(example = "14") Integer horizon) {}
