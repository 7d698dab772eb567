package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * {@code PUT /api/v1/alerts/{id}/label}: a new entry of the alert's label history.
 *
 * @param verdict {@code REAL} or {@code FALSE} (any case)
 * @param note    why, optional, at most 2,000 characters
 * @param actor   who labels, not blank. The services do not authenticate yet: this field is the actor, and
 *                becomes the bearer token's subject when they do (issue 19)
 */
@Schema(description = "Label an alert REAL or FALSE, with a note and who")
public record LabelRequest(
        @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = VERDICT)
        String verdict,

        @Schema(maxLength = 2000) String note,

        @NotNull
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = AcknowledgementRequest.ACTOR, maxLength = 200)
        String actor) {

    /** REAL or FALSE in any case, spaces around allowed: what the service reads. */
    public static final String VERDICT = "^\\s*([rR][eE][aA][lL]|[fF][aA][lL][sS][eE])\\s*$";
}
