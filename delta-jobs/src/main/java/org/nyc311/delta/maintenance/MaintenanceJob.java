package org.nyc311.delta.maintenance;

import org.nyc311.delta.StageMain;

/**
 * Upkeep as its own program: {@code --lake-root L [--maintenance-every-days 7] [--retain-hours 168]}. The
 * Databricks bundle runs it as the pipeline job's last task, so it never races a MERGE.
 */
public final class MaintenanceJob {

    private MaintenanceJob() {}

    public static void main(String[] args) {
        StageMain.run("maintenance", args, new MaintenanceStage());
    }
}
