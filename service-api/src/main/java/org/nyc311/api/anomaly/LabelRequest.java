package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code PUT /api/v1/alerts/{id}/label}: a new entry of the alert's label history.
 *
 * @param verdict {@code REAL} or {@code FALSE} (any case)
 * @param note    why, optional, at most 2,000 characters
 * @param actor   who labels, not blank. The services do not authenticate yet: this field is the actor, and
 *                becomes the bearer token's subject when they do (issue 19)
 */
@Schema(description = "Label an alert REAL or FALSE, with a note and who")
public record LabelRequest(String verdict, String note, String actor) {
}
