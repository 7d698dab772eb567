package org.nyc311.anomaly.store;

import org.jspecify.annotations.Nullable;
import org.nyc311.model.anomaly.Alert;

/**
 * An alert as stored, with the detection settings it was last derived under.
 *
 * @param derivedUnder the fingerprint of those settings ({@code AnomalyProperties#derivedUnder}); null for an alert
 *     stored before it was recorded
 */
public record StoredAlert(Alert alert, @Nullable String derivedUnder) {}
