package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/alerts/{id}/acknowledgement}.
 *
 * @param actor who acknowledges, not blank. The services do not authenticate yet: this field is the actor, and
 *              becomes the bearer token's subject when they do (issue 19)
 */
@Schema(description = "Acknowledge an alert: who")
public record AcknowledgementRequest(String actor) {
}
