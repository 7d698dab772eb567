package org.nyc311.forecastservice.gold;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.model.gold.extract.CatalogRow;
import org.nyc311.model.series.DailyCount;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.service.gold.extract.GoldExtract;
import org.nyc311.service.gold.extract.GoldExtractStore;

/**
 * Gold from its daily extract on S3 ({@link GoldExtractStore}), answering as {@link GoldWarehouse} answers from the
 * warehouse: production's way, with no SQL warehouse to pay for. Every call reads the extract the manifest names now;
 * a fit sees at most {@code historyDays} of it ({@code nyc311.gold.history-days}, as the warehouse reader).
 */
public class ExtractedGold implements GoldReader {

    private final GoldExtractStore store;
    private final int historyDays;

    public ExtractedGold(GoldExtractStore store, int historyDays) {
        if (historyDays < 1) {
            throw new IllegalArgumentException("a fit sees at least one day of history, not " + historyDays);
        }
        this.store = store;
        this.historyDays = historyDays;
    }

    @Override
    public List<SeriesView> catalog(Optional<String> complaintTypeKey, Optional<String> boroughKey) {
        return store.current().catalog().stream()
                .filter(row ->
                        complaintTypeKey.map(row.complaintTypeKey()::equals).orElse(true))
                .filter(row -> boroughKey.map(row.boroughKey()::equals).orElse(true))
                .map(ExtractedGold::view)
                .toList();
    }

    @Override
    public Optional<SeriesView> catalogEntry(SeriesKey key) {
        return store.current().catalogEntry(key.id()).map(ExtractedGold::view);
    }

    @Override
    public GoldSnapshot forecastableHistory(Optional<LocalDate> lastDate, long knownVersion) {
        GoldExtract extract = store.current();
        long version = knownVersion >= 0 ? knownVersion : extract.version();
        Optional<LocalDate> newest = lastDate.or(extract::newestDate);
        if (newest.isEmpty()) {
            return new GoldSnapshot(version, LocalDate.EPOCH, LocalDate.EPOCH, List.of());
        }
        LocalDate last = newest.get();
        LocalDate first = last.minusDays(historyDays - 1L);
        List<SeriesHistory> series = new ArrayList<>();
        for (CatalogRow row : extract.catalog()) {
            if (!row.forecastable()) {
                continue;
            }
            NavigableMap<LocalDate, Long> counts = extract.counts(row.seriesId(), first, last);
            if (!counts.isEmpty()) {
                SeriesHistory.fromCounts(row.seriesId(), counts, last).ifPresent(series::add);
            }
        }
        return GoldSnapshot.of(version, last, series);
    }

    @Override
    public Optional<SeriesHistory> history(SeriesKey key) {
        NavigableMap<LocalDate, Long> counts = store.current().counts(key.id());
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        LocalDate last = counts.lastKey();
        LocalDate first = last.minusDays(historyDays - 1L);
        return SeriesHistory.fromCounts(key.id(), counts.tailMap(first, true), last);
    }

    @Override
    public Map<String, List<DailyCount>> dailyCounts(List<SeriesKey> keys, LocalDate from, LocalDate to) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        GoldExtract extract = store.current();
        Map<String, List<DailyCount>> bySeries = new LinkedHashMap<>();
        for (SeriesKey key : keys) {
            NavigableMap<LocalDate, Long> counts = extract.counts(key.id(), from, to);
            if (!counts.isEmpty() && !bySeries.containsKey(key.id())) {
                List<DailyCount> list = new ArrayList<>(counts.size());
                counts.forEach((day, count) -> list.add(new DailyCount(key, day, count)));
                bySeries.put(key.id(), list);
            }
        }
        return bySeries;
    }

    @Override
    public long version() {
        return store.current().version();
    }

    @Override
    public void close() {
        // the extract is memory only; the S3 client is the context's
    }

    private static SeriesView view(CatalogRow row) {
        return new SeriesView(
                row.seriesId(),
                row.level(),
                row.complaintTypeKey(),
                row.complaintType(),
                row.boroughKey(),
                row.firstDate(),
                row.lastDate(),
                row.lastNonzeroDate(),
                row.meanCount(),
                row.days(),
                row.forecastable());
    }
}
