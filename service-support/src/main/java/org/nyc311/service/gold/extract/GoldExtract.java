package org.nyc311.service.gold.extract;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.gold.extract.CatalogRow;
import org.nyc311.model.gold.extract.DailySeriesRow;
import org.nyc311.model.gold.extract.GoldExtractFiles;
import org.nyc311.model.gold.extract.GoldExtractManifest;

/**
 * One extract of gold in memory: the catalog, and each series' counts as one array of consecutive days (the 3-year
 * generated city's 719,476 rows keep 6.2 MB of heap this way, docs/BENCHMARKS.md, where a map entry per day would take
 * several times that). A day the file has no row for stays absent, as a warehouse query would leave it. Immutable;
 * {@link GoldExtractStore} swaps whole extracts.
 */
public final class GoldExtract {

    private static final long ABSENT = -1;

    private final GoldExtractManifest manifest;
    private final List<CatalogRow> catalog;
    private final Map<String, CatalogRow> catalogById;
    private final Map<String, Series> series;
    private final @Nullable LocalDate newestDate;

    private GoldExtract(GoldExtractManifest manifest, List<CatalogRow> catalog, Map<String, Series> series) {
        this.manifest = manifest;
        List<CatalogRow> sorted = new ArrayList<>(catalog);
        sorted.sort(Comparator.comparing(CatalogRow::seriesId));
        this.catalog = Collections.unmodifiableList(sorted);
        Map<String, CatalogRow> byId = new HashMap<>();
        sorted.forEach(row -> byId.put(row.seriesId(), row));
        this.catalogById = byId;
        this.series = series;
        this.newestDate = series.values().stream()
                .map(Series::lastDate)
                .max(Comparator.naturalOrder())
                .orElse(null);
    }

    /**
     * Reads the two files a manifest names, checking each holds the rows the manifest counts (a file cut short fails
     * here, not in a forecast).
     *
     * @throws IOException when a file is malformed, out of order or shorter than the manifest says
     */
    static GoldExtract read(GoldExtractManifest manifest, InputStream dailySeries, InputStream seriesCatalog)
            throws IOException {
        SeriesBuilder builder = new SeriesBuilder();
        long rows;
        try (InputStream in = dailySeries) {
            rows = GoldExtractFiles.readDailySeries(in, builder::add);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (rows != manifest.dailySeriesRows()) {
            throw new IOException(
                    manifest.dailySeries() + " has " + rows + " rows, the manifest says " + manifest.dailySeriesRows());
        }
        List<CatalogRow> catalog;
        try (InputStream in = seriesCatalog) {
            catalog = GoldExtractFiles.readCatalog(in);
        }
        if (catalog.size() != manifest.seriesCatalogRows()) {
            throw new IOException(manifest.seriesCatalog() + " has " + catalog.size() + " rows, the manifest says "
                    + manifest.seriesCatalogRows());
        }
        return new GoldExtract(manifest, catalog, builder.build());
    }

    public GoldExtractManifest manifest() {
        return manifest;
    }

    /** The Delta version of {@code daily_series} this extract holds. */
    public long version() {
        return manifest.dailySeriesVersion();
    }

    /** Every catalog row, by series id. */
    public List<CatalogRow> catalog() {
        return catalog;
    }

    public Optional<CatalogRow> catalogEntry(String seriesId) {
        return Optional.ofNullable(catalogById.get(seriesId));
    }

    /** The newest day any series has a row for; empty for an extract with no rows. */
    public Optional<LocalDate> newestDate() {
        return Optional.ofNullable(newestDate);
    }

    /** The ids of the series with rows. */
    public java.util.Set<String> seriesIds() {
        return Collections.unmodifiableSet(series.keySet());
    }

    /** A series' counts from {@code from} to {@code to} (both included), by day; days without a row are absent. */
    public NavigableMap<LocalDate, Long> counts(String seriesId, LocalDate from, LocalDate to) {
        NavigableMap<LocalDate, Long> counts = new TreeMap<>();
        Series one = series.get(seriesId);
        if (one == null || to.isBefore(from)) {
            return counts;
        }
        long start = Math.max(from.toEpochDay(), one.firstDay());
        long end = Math.min(to.toEpochDay(), one.firstDay() + one.counts().length - 1);
        for (long day = start; day <= end; day++) {
            long count = one.counts()[(int) (day - one.firstDay())];
            if (count != ABSENT) {
                counts.put(LocalDate.ofEpochDay(day), count);
            }
        }
        return counts;
    }

    /** Every day of a series that has a row, by day. */
    public NavigableMap<LocalDate, Long> counts(String seriesId) {
        return counts(seriesId, LocalDate.MIN, LocalDate.MAX);
    }

    private record Series(long firstDay, long[] counts) {
        LocalDate lastDate() {
            return LocalDate.ofEpochDay(firstDay + counts.length - 1);
        }
    }

    /** Folds the file's rows, which the job writes ordered by series and day, into one array per series. */
    private static final class SeriesBuilder {
        private final Map<String, Series> series = new HashMap<>();
        private @Nullable String id;
        private long firstDay;
        private long[] counts = new long[0];
        private int length;

        void add(DailySeriesRow row) {
            long day = row.date().toEpochDay();
            if (!row.seriesId().equals(id)) {
                finish();
                if (series.containsKey(row.seriesId())) {
                    throw new IllegalStateException("the daily series file is not ordered by series: " + row.seriesId()
                            + " comes back after another series");
                }
                id = row.seriesId();
                firstDay = day;
                counts = new long[64];
                length = 0;
            }
            int index = Math.toIntExact(day - firstDay);
            if (index < length - 1) {
                throw new IllegalStateException("the daily series file is not ordered by day: " + row.seriesId()
                        + " goes back to " + row.date());
            }
            if (index >= counts.length) {
                counts = java.util.Arrays.copyOf(counts, Math.max(counts.length * 2, index + 1));
            }
            for (int gap = length; gap < index; gap++) {
                counts[gap] = ABSENT;
            }
            // a day repeated (gold never writes one twice) adds up, as the warehouse readers sum it
            counts[index] = index == length - 1 ? counts[index] + row.count() : row.count();
            length = Math.max(length, index + 1);
        }

        Map<String, Series> build() {
            finish();
            return Collections.unmodifiableMap(series);
        }

        private void finish() {
            if (id != null) {
                series.put(id, new Series(firstDay, java.util.Arrays.copyOf(counts, length)));
                id = null;
            }
        }
    }
}
