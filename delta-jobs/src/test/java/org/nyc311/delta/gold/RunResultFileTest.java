package org.nyc311.delta.gold;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.model.pipeline.RunResult;

class RunResultFileTest {

    /** As pipeline-controller's RunResultReader reads result.json. */
    private final JsonMapper reader = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void whatTheJobWritesTheControllerReadsBackAsTheSameRecord() throws Exception {
        RunResult result = new RunResult(
                "run-9",
                Map.of("daily_series", 7L, "daily_requests", 7L, "series_catalog", 7L),
                LocalDate.parse("2026-06-27"),
                Instant.parse("2026-06-28T09:00:00Z"),
                Map.of("daily_series", 5L),
                new RunResult.Silver(
                        11, 9, 1, 1, 0, List.of(LocalDate.parse("2026-06-27"), LocalDate.parse("2026-06-28"))),
                Map.of(LocalDate.parse("2026-06-27"), 8_804L, LocalDate.parse("2026-06-28"), 0L));

        assertThat(reader.readValue(RunResultFile.json(result), RunResult.class))
                .isEqualTo(result);
    }

    @Test
    void aRunWithoutDatesOrSilverCountsReadsBackToo() throws Exception {
        RunResult empty = new RunResult("run-10", Map.of(), null, null, Map.of(), null, null);

        assertThat(reader.readValue(RunResultFile.json(empty), RunResult.class)).isEqualTo(empty);
    }
}
