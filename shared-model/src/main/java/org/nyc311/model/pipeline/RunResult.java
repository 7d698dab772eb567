package org.nyc311.model.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a pipeline run did, as delta-jobs writes it to {@code <lake>/_pipeline_runs/<runId>/result.json} and
 * pipeline-controller reads it back to build the GoldRefreshed event: one record, so writer and reader cannot
 * drift apart. As JSON: Jackson's record properties, dates and instants as ISO-8601 strings.
 *
 * @param tableVersions each gold table's Delta version after the run
 * @param latestCompleteDate the newest New York local date whose counts are complete
 * @param newestCreatedAt the newest request's creation instant in gold (UTC): data freshness is measured from it
 * @param rowCounts rows written per table
 * @param silver what silver's MERGE did with the run's records
 * @param requestsPerDate requests citywide, every type and borough, on each New York date the run rebuilt in gold,
 *     counted from the rows it wrote: what pipeline-controller's data-quality checks judge the feed by. Empty in
 *     results written before it existed, and for a run that touched no date
 */
public record RunResult(
        String runId,
        Map<String, Long> tableVersions,
        @Nullable LocalDate latestCompleteDate,
        @Nullable Instant newestCreatedAt,
        Map<String, Long> rowCounts,
        @Nullable Silver silver,
        Map<LocalDate, Long> requestsPerDate) {

    public RunResult(
            String runId,
            @Nullable Map<String, Long> tableVersions,
            @Nullable LocalDate latestCompleteDate,
            @Nullable Instant newestCreatedAt,
            @Nullable Map<String, Long> rowCounts,
            @Nullable Silver silver,
            @Nullable Map<LocalDate, Long> requestsPerDate) {
        this.runId = runId;
        this.tableVersions = inOrder(tableVersions);
        this.latestCompleteDate = latestCompleteDate;
        this.newestCreatedAt = newestCreatedAt;
        this.rowCounts = inOrder(rowCounts);
        this.silver = silver;
        // in date order, whatever order the writer or JSON gave
        this.requestsPerDate = requestsPerDate == null
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(requestsPerDate));
    }

    /** Read-only, in the writer's order: result.json is also read by people. */
    private static Map<String, Long> inOrder(@Nullable Map<String, Long> counts) {
        return counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /**
     * Silver's MERGE of the run's records.
     *
     * @param touchedDates the New York dates whose counts the run changed, which gold rebuilt
     */
    public record Silver(
            long recordsIn,
            long inserted,
            long updated,
            long duplicates,
            long quarantined,
            List<LocalDate> touchedDates) {

        public Silver(
                long recordsIn,
                long inserted,
                long updated,
                long duplicates,
                long quarantined,
                @Nullable List<LocalDate> touchedDates) {
            this.recordsIn = recordsIn;
            this.inserted = inserted;
            this.updated = updated;
            this.duplicates = duplicates;
            this.quarantined = quarantined;
            this.touchedDates = touchedDates == null ? List.of() : List.copyOf(touchedDates);
        }
    }
}
