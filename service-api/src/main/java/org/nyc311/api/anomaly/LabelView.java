package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One entry of an alert's label history; the latest is the alert's current label.
 *
 * @param verdict {@code REAL} (the alert was a real rise) or {@code FALSE} (a false alert)
 * @param note    the analyst's reason, possibly empty
 * @param actor   who labelled (the request's {@code actor}; the token's subject once the services authenticate)
 * @param at      when anomaly-service recorded it
 */
@Schema(description = "An analyst's verdict on an alert: REAL or FALSE, with a note, who and when")
public record LabelView(String verdict, String note, String actor, Instant at) {}
