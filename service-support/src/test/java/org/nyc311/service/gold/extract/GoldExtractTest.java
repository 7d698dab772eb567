package org.nyc311.service.gold.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.model.gold.extract.CatalogRow;
import org.nyc311.model.gold.extract.DailySeriesRow;
import org.nyc311.model.gold.extract.GoldExtractFiles;
import org.nyc311.model.gold.extract.GoldExtractLayout;
import org.nyc311.model.gold.extract.GoldExtractManifest;

class GoldExtractTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);

    @Test
    void aSeriesKeepsItsDaysAndLeavesOutADayTheFileHasNoRowFor() throws IOException {
        GoldExtract extract = extract(
                List.of(
                        row("all/all", DAY, 9000),
                        row("all/all", DAY.plusDays(1), 8000),
                        row("all/all", DAY.plusDays(3), 0),
                        row("rodent/bronx", DAY.plusDays(2), 4)),
                2);

        assertThat(extract.counts("all/all"))
                .containsExactly(
                        Map.entry(DAY, 9000L), Map.entry(DAY.plusDays(1), 8000L), Map.entry(DAY.plusDays(3), 0L));
        assertThat(extract.counts("all/all", DAY.plusDays(1), DAY.plusDays(2)))
                .containsExactly(Map.entry(DAY.plusDays(1), 8000L));
        assertThat(extract.counts("rodent/bronx", DAY.plusDays(3), DAY.plusDays(9)))
                .isEmpty();
        assertThat(extract.counts("no/such", DAY, DAY.plusDays(9))).isEmpty();
        assertThat(extract.newestDate()).contains(DAY.plusDays(3));
        assertThat(extract.seriesIds()).containsExactlyInAnyOrder("all/all", "rodent/bronx");
        assertThat(extract.catalogEntry("all/all").map(CatalogRow::level)).contains("citywide");
        assertThat(extract.version()).isEqualTo(5);
    }

    @Test
    void aDayStatedTwiceIsSummedAsTheWarehouseReadersSumIt() throws IOException {
        GoldExtract extract = extract(
                List.of(
                        row("rodent/bronx", DAY, 3),
                        row("rodent/bronx", DAY, 4),
                        row("rodent/bronx", DAY.plusDays(1), 0)),
                1);

        assertThat(extract.counts("rodent/bronx")).containsExactly(Map.entry(DAY, 7L), Map.entry(DAY.plusDays(1), 0L));
    }

    @Test
    void aFileOutOfOrderIsRefusedRatherThanReadWrong() {
        assertThatThrownBy(() -> extract(List.of(row("a/b", DAY.plusDays(2), 1), row("a/b", DAY, 1)), 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not ordered by day: a/b goes back to " + DAY);
        assertThatThrownBy(() ->
                        extract(List.of(row("a/b", DAY, 1), row("c/d", DAY, 1), row("a/b", DAY.plusDays(1), 1)), 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not ordered by series");
    }

    @Test
    void aFileShorterThanTheManifestSaysIsRefused() throws IOException {
        ByteArrayOutputStream daily = new ByteArrayOutputStream();
        GoldExtractFiles.writeDailySeries(daily, List.of(row("a/b", DAY, 1)).iterator());
        ByteArrayOutputStream catalog = new ByteArrayOutputStream();
        GoldExtractFiles.writeCatalog(catalog, List.<CatalogRow>of().iterator());
        GoldExtractManifest manifest = manifest(2, 0);

        assertThatThrownBy(() -> GoldExtract.read(
                        manifest,
                        new ByteArrayInputStream(daily.toByteArray()),
                        new ByteArrayInputStream(catalog.toByteArray())))
                .isInstanceOf(IOException.class)
                .hasMessage(manifest.dailySeries() + " has 1 rows, the manifest says 2");
    }

    private static GoldExtract extract(List<DailySeriesRow> rows, int catalogRows) throws IOException {
        ByteArrayOutputStream daily = new ByteArrayOutputStream();
        GoldExtractFiles.writeDailySeries(daily, rows.iterator());
        List<CatalogRow> catalog = List.of(
                        new CatalogRow(
                                "all/all", "citywide", "all", "All", "all", DAY, DAY.plusDays(3), DAY, 4250, 4, true),
                        new CatalogRow(
                                "rodent/bronx",
                                "complaint_type_borough",
                                "rodent",
                                "Rodent",
                                "bronx",
                                DAY,
                                DAY,
                                DAY,
                                4,
                                1,
                                false))
                .subList(0, catalogRows);
        ByteArrayOutputStream catalogFile = new ByteArrayOutputStream();
        GoldExtractFiles.writeCatalog(catalogFile, catalog.iterator());
        return GoldExtract.read(
                manifest(rows.size(), catalogRows),
                new ByteArrayInputStream(daily.toByteArray()),
                new ByteArrayInputStream(catalogFile.toByteArray()));
    }

    private static GoldExtractManifest manifest(long dailyRows, long catalogRows) {
        return new GoldExtractManifest(
                5,
                3,
                GoldExtractLayout.dailySeries(5, 3),
                GoldExtractLayout.seriesCatalog(5, 3),
                dailyRows,
                catalogRows,
                Instant.parse("2026-11-05T03:00:00Z"));
    }

    private static DailySeriesRow row(String id, LocalDate day, long count) {
        return new DailySeriesRow(id, day, count);
    }
}
