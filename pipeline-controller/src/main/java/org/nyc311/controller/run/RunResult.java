package org.nyc311.controller.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a successful delta-jobs run reports in {@code _pipeline_runs/<runId>/result.json}.
 *
 * @param tableVersions each gold table's Delta version after the run
 * @param latestCompleteDate the newest New York local date whose counts are complete
 * @param newestCreatedAt the newest request's creation instant in gold (UTC): data freshness is measured from it
 * @param rowCounts rows written per table
 * @param silver what silver's MERGE did with the run's records
 */
public record RunResult(
        String runId,
        Map<String, Long> tableVersions,
        @Nullable LocalDate latestCompleteDate,
        @Nullable Instant newestCreatedAt,
        Map<String, Long> rowCounts,
        @Nullable Silver silver) {

    public RunResult {
        tableVersions = tableVersions == null ? Map.of() : Map.copyOf(tableVersions);
        rowCounts = rowCounts == null ? Map.of() : Map.copyOf(rowCounts);
    }

    public record Silver(long recordsIn, long inserted, long updated, long duplicates, long quarantined) {}
}
