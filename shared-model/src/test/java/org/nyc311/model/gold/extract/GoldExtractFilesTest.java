package org.nyc311.model.gold.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GoldExtractFilesTest {

    @Test
    void dailySeriesRowsComeBackAsWritten() throws IOException {
        List<DailySeriesRow> rows = List.of(
                new DailySeriesRow("all/all", LocalDate.of(2026, 12, 1), 9123),
                new DailySeriesRow("noise_residential/brooklyn", LocalDate.of(2026, 12, 1), 0),
                new DailySeriesRow("a \"quoted\", type/queens", LocalDate.of(2026, 12, 2), 17));
        ByteArrayOutputStream file = new ByteArrayOutputStream();

        assertThat(GoldExtractFiles.writeDailySeries(file, rows.iterator())).isEqualTo(3);

        List<DailySeriesRow> read = new ArrayList<>();
        long count = GoldExtractFiles.readDailySeries(new ByteArrayInputStream(file.toByteArray()), read::add);
        assertThat(count).isEqualTo(3);
        assertThat(read).isEqualTo(rows);
    }

    @Test
    void catalogRowsComeBackAsWrittenWithAnAbsentDateEmpty() throws IOException {
        List<CatalogRow> rows = List.of(
                new CatalogRow(
                        "all/all",
                        "citywide",
                        "all",
                        "All",
                        "all",
                        LocalDate.of(2023, 1, 1),
                        LocalDate.of(2026, 12, 1),
                        LocalDate.of(2026, 12, 1),
                        8123.25,
                        1431,
                        true),
                new CatalogRow(
                        "quiet/bronx",
                        "complaint_type_borough",
                        "quiet",
                        "Quiet, Please",
                        "bronx",
                        null,
                        null,
                        null,
                        0.0,
                        0,
                        false));
        ByteArrayOutputStream file = new ByteArrayOutputStream();

        assertThat(GoldExtractFiles.writeCatalog(file, rows.iterator())).isEqualTo(2);

        assertThat(GoldExtractFiles.readCatalog(new ByteArrayInputStream(file.toByteArray())))
                .isEqualTo(rows);
    }

    @Test
    void aFileOfAnotherLayoutIsRefusedByItsHeader() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Writer text = new OutputStreamWriter(new GZIPOutputStream(file), StandardCharsets.UTF_8)) {
            text.write("date,series_id,count\n2026-12-01,all/all,5\n");
        }

        assertThatThrownBy(
                        () -> GoldExtractFiles.readDailySeries(new ByteArrayInputStream(file.toByteArray()), row -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("header is [date, series_id, count], not [series_id, date, count]");
    }

    @Test
    void aMalformedRowIsRefusedWithItsNumber() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (Writer text = new OutputStreamWriter(new GZIPOutputStream(file), StandardCharsets.UTF_8)) {
            text.write("series_id,date,count\nall/all,2026-12-01,5\nall/all,2026-12-02,five\n");
        }

        assertThatThrownBy(
                        () -> GoldExtractFiles.readDailySeries(new ByteArrayInputStream(file.toByteArray()), row -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("daily series row 2 is malformed");
    }

    @Test
    void theManifestComesBackAsWritten() throws IOException {
        GoldExtractManifest manifest = new GoldExtractManifest(
                12,
                8,
                GoldExtractLayout.dailySeries(12, 8),
                GoldExtractLayout.seriesCatalog(12, 8),
                1_600_000,
                1_400,
                Instant.parse("2026-12-05T03:20:00Z"));

        GoldExtractManifest read = GoldExtractFiles.readManifest(GoldExtractFiles.manifestJson(manifest));

        assertThat(read).isEqualTo(manifest);
        assertThat(read.dailySeries()).isEqualTo("_gold_extract/v12-8/daily_series.csv.gz");
        assertThat(read.isAt(12, 8)).isTrue();
        assertThat(read.isAt(13, 8)).isFalse();
    }

    @Test
    void aManifestWithoutItsFilesIsRefusedByName() {
        assertThatThrownBy(() -> GoldExtractFiles.readManifest(
                        "{\"dailySeriesVersion\": 1, \"seriesCatalogVersion\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessage("the gold extract's manifest has no dailySeries");
    }

    @Test
    void aManifestWithAFieldOfTheWrongKindIsRefusedAsUnreadable() {
        String fields =
                "\"dailySeries\": \"a\", \"seriesCatalog\": \"b\", \"dailySeriesRows\": 1, \"seriesCatalogRows\": 1";
        assertThatThrownBy(() -> GoldExtractFiles.readManifest(
                        ("{\"dailySeriesVersion\": \"twelve\", \"seriesCatalogVersion\": 1, " + fields + "}")
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("dailySeriesVersion that is not a whole number");
        assertThatThrownBy(
                        () -> GoldExtractFiles.readManifest(("{\"dailySeriesVersion\": 1, \"seriesCatalogVersion\": 1, "
                                        + fields + ", \"writtenAt\": \"yesterday\"}")
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("writtenAt that is not an instant");
    }
}
