package org.nyc311.anomaly.gold;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.nyc311.service.gold.GoldUnavailableException;

/**
 * The actual daily counts a check compares with the forecasts: from a SQL warehouse over JDBC ({@link
 * WarehouseActuals}) or from gold's daily extract on S3 ({@link ExtractedActuals}), chosen by configuration.
 */
public interface GoldActuals extends AutoCloseable {

    /**
     * Every series' counts from {@code from} on, by series id and day (days summed if gold repeats one).
     *
     * @throws GoldUnavailableException when gold cannot be read: the check fails and SQS delivers its event again
     */
    Map<String, TreeMap<LocalDate, Long>> since(LocalDate from);

    @Override
    void close();
}
