package org.nyc311.controller.job.databricks;

import org.jspecify.annotations.Nullable;

/**
 * Answers of the Databricks Jobs API 2.2 about one job run, in the shape the workspace gives them, for the stubbed
 * workspaces of this module's tests and of fault-tests (through this module's test jar).
 *
 * @param pipelineRunId the run's {@code pipeline_run_id} job parameter, when the answers should carry it
 */
public record JobsApiAnswers(
        long jobId, long runId, @Nullable String pipelineRunId) {

    /**
     * A {@code jobs/runs/get} answer: the legacy {@code state} beside the newer {@code status}.
     *
     * @param resultState absent while the run has not ended
     * @param terminationDetails {@code status.termination_details} as JSON, absent while the run has not ended
     */
    public String runsGet(
            String lifeCycleState,
            @Nullable String resultState,
            String stateMessage,
            String statusState,
            @Nullable String terminationDetails) {
        return """
                {"job_id": %d, "run_id": %d, "number_in_job": %d, "creator_user_name": "pipeline-controller@nyc311.example",
                 "original_attempt_run_id": %d, "run_name": "nyc311-delta-batch", "run_type": "JOB_RUN",
                 "run_page_url": "https://dbc-nyc311.cloud.databricks.com/?o=1#job/%d/run/%d",
                 "start_time": 1782655200000, "setup_duration": 0, "execution_duration": 0, "cleanup_duration": 0,
                 "state": {"life_cycle_state": "%s", %s"state_message": "%s", "user_cancelled_or_timedout": false},
                 "status": {"state": "%s"%s},
                 "tasks": [{"task_key": "delta_batch", "run_id": 455644900, "attempt_number": 0}]%s}
                """.formatted(
                        jobId,
                        runId,
                        runId,
                        runId,
                        jobId,
                        runId,
                        lifeCycleState,
                        resultState == null ? "" : "\"result_state\": \"" + resultState + "\", ",
                        stateMessage,
                        statusState,
                        terminationDetails == null ? "" : ", \"termination_details\": " + terminationDetails,
                        pipelineRunId == null
                                ? ""
                                : ",\n \"job_parameters\": [{\"name\": \"pipeline_run_id\", \"default\": \"\", \"value\": \""
                                        + pipelineRunId + "\"}]");
    }
}
