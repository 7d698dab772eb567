package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * @param actor who acknowledged (the request's {@code actor}; the token's subject once the services authenticate)
 * @param at    when anomaly-service recorded it
 */
@Schema(description = "An analyst has seen the alert")
public record AcknowledgementView(String actor, Instant at) {}
