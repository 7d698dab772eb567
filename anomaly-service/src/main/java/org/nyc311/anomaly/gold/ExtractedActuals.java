package org.nyc311.anomaly.gold;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.nyc311.service.gold.extract.GoldExtract;
import org.nyc311.service.gold.extract.GoldExtractStore;

/** The actual daily counts from gold's daily extract on S3, as {@link WarehouseActuals} reads them from a warehouse. */
public class ExtractedActuals implements GoldActuals {

    private final GoldExtractStore store;

    public ExtractedActuals(GoldExtractStore store) {
        this.store = store;
    }

    @Override
    public Map<String, TreeMap<LocalDate, Long>> since(LocalDate from) {
        GoldExtract extract = store.current();
        Map<String, TreeMap<LocalDate, Long>> bySeries = new HashMap<>();
        for (String id : extract.seriesIds()) {
            TreeMap<LocalDate, Long> counts = new TreeMap<>(extract.counts(id, from, LocalDate.MAX));
            if (!counts.isEmpty()) {
                bySeries.put(id, counts);
            }
        }
        return bySeries;
    }

    @Override
    public void close() {
        // the extract is memory only; the S3 client is the context's
    }
}
