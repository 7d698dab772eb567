package org.nyc311.api.anomaly;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * Recorded anomalies, alerts and checks, and analysts' acknowledgements and labels of alerts. Every parameter
 * travels as a string the server checks itself, so that a bad value is the API's 400 naming it; an empty one
 * means "any". The actor of a write is the request's {@code actor} field (the services do not authenticate yet;
 * it becomes the bearer token's subject when they do).
 */
public interface AnomalyApi {

    /** Newest first; dates ISO yyyy-MM-dd, minSeverity the smallest absolute z-score, direction spike or drop. */
    @GetExchange("/api/v1/anomalies")
    List<AnomalyView> anomalies(
            @RequestParam(name = "from", required = false) Optional<String> from,
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

    /**
     * Records that {@code actor} has seen the alert; 404 for an unknown alert, 409 when it is acknowledged
     * already (the first acknowledgement stands), 400 for a blank actor.
     */
    @PostExchange("/api/v1/alerts/{id}/acknowledgement")
    AlertView acknowledge(@PathVariable("id") UUID id, @RequestBody AcknowledgementRequest request);

    /**
     * Labels the alert REAL or FALSE with a note: a new entry of its history, which becomes its current label;
     * 404 for an unknown alert, 400 for a verdict other than REAL or FALSE, a blank actor or a note too long,
     * 409 when the alert's current label is already this verdict with this note (nothing would change).
     */
    @PutExchange("/api/v1/alerts/{id}/label")
    AlertView label(@PathVariable("id") UUID id, @RequestBody LabelRequest request);

    /** The alert's label history, oldest first (the last is its current label); 404 for an unknown alert. */
    @GetExchange("/api/v1/alerts/{id}/labels")
    List<LabelView> labels(@PathVariable("id") UUID id);

    /** The labelled precision of the alerts opened in the last {@code days} days (1-3650, 90 when empty). */
    @GetExchange("/api/v1/alerts/precision")
    LabelPrecisionView precision(@RequestParam(name = "days", required = false) Optional<String> days);
}
