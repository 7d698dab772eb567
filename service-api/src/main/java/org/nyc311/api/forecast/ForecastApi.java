package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.common.SeriesPathSegments;
import org.nyc311.model.forecast.ForecastPoint;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Forecasts: the newest stored one of a series, and on-demand ones fitted now. A series id has a slash
 * ({@code noise-residential/brooklyn}), so it is two path segments: an encoded slash ({@code %2F}) would
 * be refused by the servlet container before it reached the API. Dates travel as the ISO strings the
 * server checks itself, so that a bad one is the API's 400, not the framework's.
 */
public interface ForecastApi {

    /** 404 when the series has no stored forecast (made before {@code madeBefore}, when given). */
    @GetExchange("/api/v1/forecasts/{complaintType}/{borough}")
    StoredForecastView latest(
            @Parameter(
                            description = "a complaint type's key, or all",
                            schema = @Schema(pattern = SeriesPathSegments.COMPLAINT_TYPE))
                    @PathVariable("complaintType")
                    String complaintType,
            @Parameter(description = "a borough's key, or all", schema = @Schema(pattern = SeriesPathSegments.BOROUGH))
                    @PathVariable("borough")
                    String borough,
            @RequestParam(name = "horizon", required = false) @Nullable Integer horizon,
            @RequestParam(name = "madeBefore", required = false) @Nullable String madeBefore);

    /**
     * Every series' forecast of the run {@code run} (a forecast run id), all points; 404 when no succeeded run has
     * that id. One request for what would otherwise be one {@link #latest} per series.
     */
    @ApiResponse(responseCode = "404", description = "no succeeded forecast run has that id")
    @GetExchange("/api/v1/forecasts")
    RunForecastsView ofRun(@RequestParam("run") String run);

    @GetExchange("/api/v1/forecasts/{complaintType}/{borough}/past")
    List<ForecastPoint> past(
            @Parameter(
                            description = "a complaint type's key, or all",
                            schema = @Schema(pattern = SeriesPathSegments.COMPLAINT_TYPE))
                    @PathVariable("complaintType")
                    String complaintType,
            @Parameter(description = "a borough's key, or all", schema = @Schema(pattern = SeriesPathSegments.BOROUGH))
                    @PathVariable("borough")
                    String borough,
            @RequestParam("from") String from,
            @RequestParam("to") String to);

    @PostExchange("/api/v1/forecasts")
    OnDemandView onDemand(@RequestBody OnDemandRequest request);
}
