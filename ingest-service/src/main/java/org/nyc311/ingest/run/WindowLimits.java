package org.nyc311.ingest.run;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.model.ingest.IngestionWindow;

/**
 * Judges a window someone asked the SODA API for, each kind on the clock of the field it filters:
 * a backfill's {@code created_date} bounds are New York local time, an incremental's
 * {@code :updated_at} bounds are UTC ({@link IngestionWindow}). An incremental window's end becomes
 * the watermark, so one that ends in the future would leave every later daily window ending before
 * it starts; that is refused here, before any run exists. Refusals are IllegalArgumentExceptions:
 * a 400 problem detail over HTTP, exit 2 in the one-shot mode.
 */
final class WindowLimits {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final IngestProperties.Limits limits;
    private final Clock clock;

    WindowLimits(IngestProperties.Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    void check(IngestionWindow window) {
        Duration width = Duration.between(window.from(), window.to());
        if (window.kind() == IngestionWindow.Kind.INCREMENTAL) {
            LocalDateTime latest = nowUtc().plus(limits.clockSkew());
            if (window.to().isAfter(latest)) {
                throw new IllegalArgumentException(
                        "an incremental window must not end in the future: 'to' " + window.to()
                                + " is after now (" + nowUtc() + " UTC, :updated_at's clock, with "
                                + limits.clockSkew().toSeconds()
                                + " s for clock skew); its end would become the watermark and every later daily window would "
                                + "start after it ends. Leave out 'from' and 'to' for the run from the watermark");
            }
            if (width.compareTo(limits.maxIncremental()) > 0) {
                throw new IllegalArgumentException("an incremental window may span at most "
                        + days(limits.maxIncremental())
                        + " (nyc311.ingest.limits.max-incremental); " + window.from() + " .. " + window.to() + " spans "
                        + days(width) + ". Ask for a backfill of created_date, or several shorter windows");
            }
            return;
        }
        // created_date is New York local time: nothing is created after today ends there, and a date as 'to'
        // means its last second, so "to today" is allowed; a backfill never moves the watermark
        LocalDateTime endOfToday = LocalDateTime.now(clock.withZone(NEW_YORK))
                .plus(limits.clockSkew())
                .toLocalDate()
                .atTime(LocalTime.MAX);
        if (window.to().isAfter(endOfToday)) {
            throw new IllegalArgumentException("a backfill window must not end after today (New York, created_date's "
                    + "clock): 'to' " + window.to() + " is after " + endOfToday.toLocalDate()
                    + "; nothing created then exists yet");
        }
        if (width.compareTo(limits.maxBackfill()) > 0) {
            throw new IllegalArgumentException("a backfill window may span at most " + days(limits.maxBackfill())
                    + " (nyc311.ingest.limits.max-backfill); " + window.from() + " .. " + window.to() + " spans "
                    + days(width) + ". Split it into several runs");
        }
    }

    /** Whether a stored window (a failed run's, from before these limits) ends in the future on its field's clock. */
    boolean endsInTheFuture(IngestionWindow window) {
        LocalDateTime now = window.kind() == IngestionWindow.Kind.INCREMENTAL
                ? nowUtc()
                : LocalDateTime.now(clock.withZone(NEW_YORK)).toLocalDate().atTime(LocalTime.MAX);
        return window.to().isAfter(now.plus(limits.clockSkew()));
    }

    private LocalDateTime nowUtc() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).withNano(0);
    }

    private static String days(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 86_400 == 0 ? seconds / 86_400 + " days" : String.format("%.1f days", seconds / 86_400.0);
    }
}
