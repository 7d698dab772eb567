package org.nyc311.api.pipeline;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Schema(
        description =
                "A data-quality alert: something wrong with the feed (not the streets), raised by pipeline-controller"
                        + " after the run that showed it")
public record DataQualityAlertView(
        UUID id,
        Kind kind,

        @Schema(
                description =
                        "what it is about, unique per kind: the day (ISO date), or the run id for a quarantine surge")
        String subject,

        @Schema(description = "the New York date of a feed drop or a missing day; null for a quarantine surge")
        @Nullable
        LocalDate day,

        @Schema(description = "the pipeline run after which it was raised; null for a day that no run brought in time")
        @Nullable
        UUID pipelineRunId,

        @Schema(description = "the day's requests citywide, or the run's quarantine rate (a fraction of its records)")
        double observed,

        @Schema(description = "the baseline: the median of the same weekday's requests, or of the earlier runs' rates")
        double expected,

        @Schema(description = "what happened and what to check, in words")
        String detail,

        Instant raisedAt) {

    /** What is wrong with the feed. */
    public enum Kind {
        /** a complete day's citywide requests far below the same weekdays' */
        FEED_DROP,
        /** a complete day with no requests at all, citywide */
        MISSING_DAY,
        /** silver quarantined a much larger share of a run's records than of the runs before */
        QUARANTINE_SURGE
    }
}
