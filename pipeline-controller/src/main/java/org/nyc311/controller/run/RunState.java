package org.nyc311.controller.run;

/**
 * A pipeline run's life: RECEIVED (waiting; landing batches join it) then RUNNING (attempts, with
 * backoff between failed ones) then SUCCEEDED or FAILED. Terminal states never change.
 */
public enum RunState {
    RECEIVED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
