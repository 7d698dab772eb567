package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The labelled precision of the alerts one rule opened in the window.
 *
 * @param openedBy  the rule, as {@link AlertView#openedBy()} spells it
 * @param opened    alerts it opened in the window
 * @param labelled  of those, alerts with a current label
 * @param real      of those, alerts whose current label is REAL
 * @param precision real / labelled; null when none is labelled
 */
@Schema(description = "The labelled precision of the alerts one rule opened in the window")
public record RulePrecisionView(
        String openedBy,
        int opened,
        int labelled,
        int real,
        @Nullable Double precision) {}
