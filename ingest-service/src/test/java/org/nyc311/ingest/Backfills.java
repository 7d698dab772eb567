package org.nyc311.ingest;

import java.time.YearMonth;
import org.nyc311.ingest.run.IngestionRequest;
import org.nyc311.model.ingest.IngestionWindow;

/** The backfills the tests run: a whole month each, a different one per test so that no two share a window. */
final class Backfills {

    private Backfills() {}

    /** The window of a backfill of this month, from its first midnight to its last second. */
    static IngestionWindow window(YearMonth month) {
        return new IngestionWindow(
                IngestionWindow.Kind.BACKFILL,
                month.atDay(1).atStartOfDay(),
                month.atEndOfMonth().atTime(23, 59, 59));
    }

    /** A backfill of this month, asked for over the API. */
    static IngestionRequest request(YearMonth month) {
        IngestionWindow window = window(month);
        return IngestionRequest.backfill(window.from(), window.to(), "api");
    }
}
