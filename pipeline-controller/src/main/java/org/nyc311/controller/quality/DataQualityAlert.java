package org.nyc311.controller.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.nyc311.api.pipeline.DataQualityAlertView.Kind;

/**
 * A data-quality alert as stored: what the feed did wrong, where, and against what. Its kinds are the wire's
 * ({@link Kind}): the same three words in the table's CHECK, the API and the dashboard.
 *
 * @param subject what it is about, unique per kind: the day's ISO date, or the run id for a quarantine surge
 * @param day the New York date for the two day kinds; null for a quarantine surge
 * @param observed the day's requests, or the run's quarantine rate
 * @param pipelineRunId the run after which it was raised; null for a day that no run brought in time
 * @param expected the baseline: the same weekdays' median requests, or the earlier runs' median rate
 */
public record DataQualityAlert(
        UUID id,
        Kind kind,
        String subject,
        @Nullable LocalDate day,
        @Nullable UUID pipelineRunId,
        double observed,
        double expected,
        String detail,
        Instant raisedAt) {}
