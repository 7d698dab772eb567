package org.nyc311.api.forecast;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.nyc311.api.common.SeriesPathSegments;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/** The model behind a series' newest stored forecast. */
public interface ModelApi {

    /** 404 when the series has no stored forecast. */
    @GetExchange("/api/v1/models/{complaintType}/{borough}")
    ModelView model(
            @Parameter(
                            description = "a complaint type's key, or all",
                            schema = @Schema(pattern = SeriesPathSegments.COMPLAINT_TYPE))
                    @PathVariable("complaintType")
                    String complaintType,
            @Parameter(description = "a borough's key, or all", schema = @Schema(pattern = SeriesPathSegments.BOROUGH))
                    @PathVariable("borough")
                    String borough);
}
