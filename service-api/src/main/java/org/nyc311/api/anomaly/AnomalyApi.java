package org.nyc311.api.anomaly;

import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/**
 * Recorded anomalies, alerts and checks. Every parameter travels as a string the server checks itself,
 * so that a bad value is the API's 400 naming it; an empty one means "any".
 */
public interface AnomalyApi {

    /** Newest first; dates ISO yyyy-MM-dd, minSeverity the smallest absolute z-score, direction spike or drop. */
    @GetExchange("/api/v1/anomalies")
    List<AnomalyView> anomalies(@RequestParam(name = "from", required = false) Optional<String> from,
            @RequestParam(name = "to", required = false) Optional<String> to,
            @RequestParam(name = "complaintType", required = false) Optional<String> complaintType,
            @RequestParam(name = "borough", required = false) Optional<String> borough,
            @RequestParam(name = "minSeverity", required = false) Optional<String> minSeverity,
            @RequestParam(name = "direction", required = false) Optional<String> direction);

    /** Newest first; status open or closed. */
    @GetExchange("/api/v1/alerts")
    List<AlertView> alerts(@RequestParam(name = "status", required = false) Optional<String> status);

    /** The newest checks; limit 1-500, 50 when empty. */
    @GetExchange("/api/v1/checks")
    List<CheckView> checks(@RequestParam(name = "limit", required = false) Optional<String> limit);
}
