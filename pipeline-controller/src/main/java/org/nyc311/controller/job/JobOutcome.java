package org.nyc311.controller.job;

import org.jspecify.annotations.Nullable;

/**
 * How one attempt ended.
 *
 * @param jobRunId the runner's id for the job, null if it never started
 * @param error why it failed, in words an operator can act on; null on success
 */
public record JobOutcome(
        boolean succeeded,
        @Nullable String jobRunId,
        @Nullable String error) {

    public static JobOutcome success(String jobRunId) {
        return new JobOutcome(true, jobRunId, null);
    }

    public static JobOutcome failure(@Nullable String jobRunId, String error) {
        return new JobOutcome(false, jobRunId, error);
    }
}
