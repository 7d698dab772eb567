package org.nyc311.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.nyc311.model.ingest.IngestionWindow;

class SodaQueryTest {

    private static final IngestionWindow JANUARY = new IngestionWindow(
            IngestionWindow.Kind.BACKFILL,
            LocalDateTime.of(2026, 1, 1, 0, 0),
            LocalDateTime.of(2026, 1, 31, 23, 59, 59));

    @Test
    void aBackfillFiltersCreatedDateWithFloatingTimestampsAndPagesByIdNeverByOffset() {
        assertThat(SodaQuery.parameters(JANUARY, 50_000, null))
                .containsEntry("$select", ":*,*")
                .containsEntry("$where", "created_date between '2026-01-01T00:00:00' and '2026-01-31T23:59:59'")
                .containsEntry("$order", ":id")
                .containsEntry("$limit", "50000")
                .doesNotContainKey("$offset");
        assertThat(SodaQuery.parameters(JANUARY, 50_000, new PageKey(null, "row-ab'c")))
                .containsEntry(
                        "$where",
                        "created_date between '2026-01-01T00:00:00' and '2026-01-31T23:59:59' AND :id > 'row-ab''c'")
                .doesNotContainKey("$offset");
    }

    @Test
    void anIncrementalAsksForTheSystemFieldsFiltersUpdatedAtAndPagesByUpdatedAtThenId() {
        IngestionWindow window = new IngestionWindow(
                IngestionWindow.Kind.INCREMENTAL,
                LocalDateTime.of(2026, 5, 31, 4, 0),
                LocalDateTime.of(2026, 6, 1, 4, 0));

        assertThat(SodaQuery.parameters(window, 10, null))
                .containsEntry("$select", ":*,*")
                .containsEntry("$where", ":updated_at between '2026-05-31T04:00:00' and '2026-06-01T04:00:00'")
                .containsEntry("$order", ":updated_at,:id");
        assertThat(SodaQuery.parameters(window, 10, new PageKey("2026-05-31T09:15:00.123", "row-7")))
                .containsEntry(
                        "$where",
                        ":updated_at between '2026-05-31T04:00:00' and '2026-06-01T04:00:00' AND "
                                + "(:updated_at > '2026-05-31T09:15:00.123' OR (:updated_at = '2026-05-31T09:15:00.123' AND :id > 'row-7'))");
    }

    @Test
    void aPageKeyIsTheLastRecordsIdAndForIncrementalsItsFloatingUpdatedAt() throws Exception {
        var record = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\":id\":\"row-9\",\":updated_at\":\"2026-06-01T01:15:00.250Z\",\"unique_key\":\"1\"}");

        assertThat(PageKey.of(IngestionWindow.Kind.INCREMENTAL, record))
                .isEqualTo(new PageKey("2026-06-01T01:15:00.250", "row-9"));
        assertThat(PageKey.of(IngestionWindow.Kind.BACKFILL, record)).isEqualTo(new PageKey(null, "row-9"));
    }

    @Test
    void theUriEncodesSoqlSoThatServersReadItBack() {
        URI uri = SodaQuery.uri(URI.create("https://data.cityofnewyork.us/resource/erm2-nwe9.json"), JANUARY, 10, null);

        assertThat(uri.getPath()).isEqualTo("/resource/erm2-nwe9.json");
        assertThat(uri.getQuery())
                .contains("$where=created_date between '2026-01-01T00:00:00' and '2026-01-31T23:59:59'");
        assertThat(uri.getRawQuery()).doesNotContain(" ").doesNotContain("+");
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        assertThat(SodaSource.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(SodaSource.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(SodaSource.parseRetryAfter("soon")).isEmpty();
    }

    @Test
    void exportDisplayNamesBecomeApiFieldNamesAndTimestampsSodaFloating() {
        assertThat(CsvExportRecords.fieldName("Unique Key")).isEqualTo("unique_key");
        assertThat(CsvExportRecords.fieldName("X Coordinate (State Plane)")).isEqualTo("x_coordinate_state_plane");
        assertThat(CsvExportRecords.fieldName("BBL")).isEqualTo("bbl");
        assertThat(SodaTimestamps.fromCsvExport("02/28/2023 11:45:00 PM")).isEqualTo("2023-02-28T23:45:00.000");
        assertThat(SodaTimestamps.fromCsvExport("02/28/2023 12:05:09 AM")).isEqualTo("2023-02-28T00:05:09.000");
        assertThat(SodaTimestamps.fromCsvExport("not a date")).isEqualTo("not a date");
    }
}
