package org.nyc311.testsupport.events;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * RawBatchLanded as ingest-service sends it, for the tests that play ingest-service: the batch of one part file under
 * {@code raw/nyc311/ingestion_date=<day>/run=<ingestion run>/}, the day being the one the window ends on.
 */
public final class LandedBatches {

    /** The day most tests land their batch on: 2026-06-28, sent at 14:00 UTC. */
    public static final LocalDate DAY = LocalDate.of(2026, 6, 28);

    private static final Clock SENT = Clock.fixed(Instant.parse("2026-06-28T14:00:00Z"), ZoneOffset.UTC);

    private LandedBatches() {}

    /** An incremental batch landed on {@link #DAY}, its window the 24 hours to 10:00 that day. */
    public static RawBatchLanded incremental(String ingestionRunId, String bucket, long records) {
        return landed(SENT, ingestionRunId, bucket, incrementalWindowTo(DAY), records);
    }

    /** The window of an incremental run on this day: the 24 hours to 10:00. */
    public static IngestionWindow incrementalWindowTo(LocalDate day) {
        return new IngestionWindow(
                IngestionWindow.Kind.INCREMENTAL, day.minusDays(1).atTime(10, 0), day.atTime(10, 0));
    }

    /** A batch of this window's records, landed on the day its window ends. */
    public static RawBatchLanded landed(
            Clock clock, String ingestionRunId, String bucket, IngestionWindow window, long records) {
        LocalDate day = window.to().toLocalDate();
        String prefix = prefix(ingestionRunId, day);
        return RawBatchLanded.of(
                clock, ingestionRunId, bucket, prefix, prefix + "_manifest.json", window, day, records, 1);
    }

    /** Where ingest-service lands this run's batch of this day, with the trailing slash. */
    public static String prefix(String ingestionRunId, LocalDate day) {
        return "raw/nyc311/ingestion_date=" + day + "/run=" + ingestionRunId + "/";
    }
}
