package org.nyc311.ingest.run;

/** Where a run stands. A FAILED run can be started again and resumes after its last landed page. */
public enum RunStatus {
    RUNNING,
    COMPLETED,
    FAILED
}
