package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * {@code POST /api/v1/alerts/{id}/acknowledgement}.
 *
 * @param actor who acknowledges, not blank. The services do not authenticate yet: this field is the actor, and
 *              becomes the bearer token's subject when they do (issue 19)
 */
@Schema(description = "Acknowledge an alert: who")
public record AcknowledgementRequest(
        @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = ACTOR, maxLength = 200)
        String actor) {

    /** Not blank: a character that is not a space somewhere. */
    public static final String ACTOR = "^[\\s\\S]*\\S[\\s\\S]*$";
}
