package org.nyc311.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunResultTest {

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void resultJsonAsTheJobWritesItReadsBackWhole() throws Exception {
        String written = """
                {
                  "runId" : "run-7",
                  "tableVersions" : { "daily_series" : 12, "daily_requests" : 12, "series_catalog" : 12 },
                  "latestCompleteDate" : "2026-06-27",
                  "newestCreatedAt" : "2026-06-28T09:00:00Z",
                  "rowCounts" : { "daily_series" : 5, "daily_requests" : 2 },
                  "silver" : { "recordsIn" : 11, "inserted" : 9, "updated" : 1, "duplicates" : 1, "quarantined" : 0,
                               "touchedDates" : [ "2026-06-27", "2026-06-28" ] },
                  "requestsPerDate" : { "2026-06-28" : 4, "2026-06-27" : 9 }
                }
                """;

        RunResult result = json.readValue(written, RunResult.class);

        assertThat(result.runId()).isEqualTo("run-7");
        assertThat(result.tableVersions()).containsEntry("series_catalog", 12L).hasSize(3);
        assertThat(result.latestCompleteDate()).isEqualTo(LocalDate.parse("2026-06-27"));
        assertThat(result.newestCreatedAt()).isEqualTo(Instant.parse("2026-06-28T09:00:00Z"));
        assertThat(result.rowCounts()).containsEntry("daily_requests", 2L);
        assertThat(result.silver())
                .isEqualTo(new RunResult.Silver(
                        11, 9, 1, 1, 0, List.of(LocalDate.parse("2026-06-27"), LocalDate.parse("2026-06-28"))));
        assertThat(result.requestsPerDate())
                .containsExactly(
                        Map.entry(LocalDate.parse("2026-06-27"), 9L), Map.entry(LocalDate.parse("2026-06-28"), 4L));
        assertThat(json.readValue(json.writeValueAsString(result), RunResult.class))
                .isEqualTo(result);
    }

    @Test
    void aResultWrittenBeforeRequestsPerDateReadsWithNone() throws Exception {
        RunResult result = json.readValue("""
                {"runId": "run-6", "tableVersions": {}, "latestCompleteDate": "2026-06-27", "rowCounts": {}}
                """, RunResult.class);

        assertThat(result.requestsPerDate()).isEmpty();
        assertThat(result.silver()).isNull();
    }

    @Test
    void datesAreWrittenAsIsoStringsAndTablesInTheWritersOrder() throws Exception {
        Map<String, Long> versions = new LinkedHashMap<>();
        versions.put("daily_requests", 3L);
        versions.put("daily_series", 4L);
        versions.put("series_catalog", 5L);

        String written = json.writeValueAsString(new RunResult(
                "run-8",
                versions,
                LocalDate.parse("2026-01-31"),
                null,
                null,
                new RunResult.Silver(1, 1, 0, 0, 0, List.of(LocalDate.parse("2026-01-31"))),
                Map.of(LocalDate.parse("2026-01-31"), 8_912L, LocalDate.parse("2026-01-30"), 9_001L)));

        assertThat(written)
                .contains("\"latestCompleteDate\":\"2026-01-31\"", "\"touchedDates\":[\"2026-01-31\"]")
                .contains("\"tableVersions\":{\"daily_requests\":3,\"daily_series\":4,\"series_catalog\":5}")
                .contains("\"newestCreatedAt\":null", "\"rowCounts\":{}")
                .contains("\"requestsPerDate\":{\"2026-01-30\":9001,\"2026-01-31\":8912}");
    }
}
