package org.nyc311.api.anomaly;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How many alerts analysts judged real, among those they labelled. Unlabelled alerts count in neither.
 *
 * @param from      first day of the window (alerts opened on or after it)
 * @param to        last day of the window (today in New York)
 * @param opened    alerts opened in the window
 * @param labelled  of those, alerts with a current label
 * @param real      of those, alerts whose current label is REAL
 * @param precision real / labelled; null when none is labelled
 * @param byRule    the same per rule that opened the alerts (the rules that opened any in the window)
 */
@Schema(description = "The labelled precision of the alerts opened in a window: real / labelled")
public record LabelPrecisionView(
        LocalDate from,
        LocalDate to,
        int opened,
        int labelled,
        int real,
        @Nullable Double precision,
        List<RulePrecisionView> byRule) {

    public LabelPrecisionView {
        // an anomaly-service from before the rules were counted sends none
        byRule = byRule == null ? List.of() : List.copyOf(byRule);
    }
}
