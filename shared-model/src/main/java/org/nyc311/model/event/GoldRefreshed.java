package org.nyc311.model.event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The gold tables now hold the batches of one pipeline run. Consumed by forecast-service.
 *
 * @param ingestionRunIds the ingestion runs whose batches this pipeline run took (coalesced batches)
 * @param tableVersions each gold table's Delta version after the run, by table name
 * @param latestCompleteDate the newest New York local date whose counts are complete
 * @param rowCounts rows written per table by the run, by table name
 */
public record GoldRefreshed(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String pipelineRunId,
        List<String> ingestionRunIds,
        Map<String, Long> tableVersions,
        @Nullable LocalDate latestCompleteDate,
        Map<String, Long> rowCounts)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public GoldRefreshed {
        EventFields.check(eventId, schemaVersion, occurredAt, "GoldRefreshed");
        Objects.requireNonNull(pipelineRunId, "pipelineRunId");
        Objects.requireNonNull(latestCompleteDate, "latestCompleteDate");
        ingestionRunIds = List.copyOf(ingestionRunIds);
        // sorted, so the JSON form does not depend on map iteration order
        tableVersions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tableVersions));
        rowCounts = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(rowCounts));
    }

    public static GoldRefreshed of(
            Clock clock,
            String pipelineRunId,
            List<String> ingestionRunIds,
            Map<String, Long> tableVersions,
            @Nullable LocalDate latestCompleteDate,
            Map<String, Long> rowCounts) {
        UUID id = UUID.nameUUIDFromBytes(
                ("GoldRefreshed:" + pipelineRunId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new GoldRefreshed(
                id,
                SCHEMA_VERSION,
                clock.instant(),
                pipelineRunId,
                ingestionRunIds,
                tableVersions,
                latestCompleteDate,
                rowCounts);
    }

    @Override
    public int supportedSchemaVersion() {
        return SCHEMA_VERSION;
    }
}
