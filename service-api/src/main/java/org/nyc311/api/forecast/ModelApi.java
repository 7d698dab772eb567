package org.nyc311.api.forecast;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/** The model behind a series' newest stored forecast. */
public interface ModelApi {

    /** 404 when the series has no stored forecast. */
    @GetExchange("/api/v1/models/{complaintType}/{borough}")
    ModelView model(@PathVariable("complaintType") String complaintType, @PathVariable("borough") String borough);
}
