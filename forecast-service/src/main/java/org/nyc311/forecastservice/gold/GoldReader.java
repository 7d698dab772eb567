package org.nyc311.forecastservice.gold;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nyc311.api.forecast.SeriesView;
import org.nyc311.model.series.DailyCount;
import org.nyc311.model.series.SeriesKey;
import org.nyc311.service.gold.GoldUnavailableException;

/**
 * What the service reads from gold: the series catalog and the daily counts. Two ways, chosen by configuration: a SQL
 * warehouse over JDBC ({@link GoldWarehouse}) or gold's daily extract on S3 ({@link ExtractedGold}); they answer
 * alike, which {@code ExtractedGoldIT} checks against the warehouse on the same rows. Every method throws {@link
 * GoldUnavailableException} when gold cannot be read: the caller waits for it or answers 503.
 */
public interface GoldReader extends AutoCloseable {

    /**
     * The catalog, optionally filtered by complaint type key and borough key, ordered by series id: its rows as the
     * API shows them, which is column for column as gold holds them.
     */
    List<SeriesView> catalog(Optional<String> complaintTypeKey, Optional<String> boroughKey);

    Optional<SeriesView> catalogEntry(SeriesKey key);

    /**
     * Every forecastable series' counts up to {@code lastDate} (or gold's newest day when empty), at most the
     * configured history days of them; {@code knownVersion} labels the snapshot when it is not negative.
     */
    GoldSnapshot forecastableHistory(Optional<LocalDate> lastDate, long knownVersion);

    /** One series' counts, at most the configured history days up to its last day; empty when gold has no such series. */
    Optional<SeriesHistory> history(SeriesKey key);

    /**
     * One series' counts from {@code from} to {@code to} (both included), ordered by day, as gold holds them: a day
     * gold has no row for is left out, not invented.
     */
    default List<DailyCount> dailyCounts(SeriesKey key, LocalDate from, LocalDate to) {
        return dailyCounts(List.of(key), from, to).getOrDefault(key.id(), List.of());
    }

    /**
     * {@link #dailyCounts(SeriesKey, LocalDate, LocalDate)} for several series at once, by series id in the order
     * asked; a series without a row in the window is absent.
     */
    Map<String, List<DailyCount>> dailyCounts(List<SeriesKey> keys, LocalDate from, LocalDate to);

    /** The Delta version of the daily series table, -1 when it cannot be told. */
    long version();

    @Override
    void close();
}
