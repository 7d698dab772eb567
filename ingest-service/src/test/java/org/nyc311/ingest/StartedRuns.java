package org.nyc311.ingest;

import java.time.Instant;
import org.nyc311.ingest.landing.BatchLayout;
import org.nyc311.ingest.run.IngestionRun;
import org.nyc311.model.ingest.IngestionWindow;

/** Runs as another process records them when it begins one: the tests that play that process insert these. */
final class StartedRuns {

    private StartedRuns() {}

    /** An API run of this window, begun now with pages of 10 and nothing landed, its batch where the layout says. */
    static IngestionRun apiRun(IngestionWindow window, BatchLayout layout) {
        return IngestionRun.begun(window, "api", 10, layout, Instant.now());
    }
}
