package org.nyc311.ingest.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.model.ingest.IngestionWindow;

class WindowLimitsTest {

    /** 2026-12-03 03:30 UTC is still 2026-12-02 (22:30) in New York. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T03:30:00Z"), ZoneOffset.UTC);

    private final WindowLimits limits = new WindowLimits(
            new IngestProperties.Limits(Duration.ofDays(366), Duration.ofDays(31), Duration.ofMinutes(5)), CLOCK);

    @Test
    void anIncrementalWindowEndsAtTheLatestNowInUtcPlusTheSkew() {
        assertThatCode(() -> limits.check(incremental("2026-12-02T03:30:00", "2026-12-03T03:34:59")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.check(incremental("2026-12-02T03:30:00", "2026-12-03T03:35:01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not end in the future");
        assertThatThrownBy(() -> limits.check(incremental("2026-12-01T00:00:00", "2099-12-31T23:59:59")))
                .hasMessageContaining("watermark");
    }

    @Test
    void aBackfillMayReachTheEndOfTodayInNewYorkButNotTomorrow() {
        // New York's today is 2026-12-02 although UTC's is already the 3rd
        assertThatCode(() -> limits.check(backfill("2026-12-01T00:00:00", "2026-12-02T23:59:59")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.check(backfill("2026-12-01T00:00:00", "2026-12-03T23:59:59")))
                .hasMessageContaining("must not end after today");
    }

    @Test
    void eachKindHasItsWidestWindow() {
        assertThatCode(() -> limits.check(backfill("2024-01-01T00:00:00", "2024-12-31T23:59:59")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> limits.check(backfill("2010-01-01T00:00:00", "2020-12-31T23:59:59")))
                .hasMessageContaining("may span at most 366 days");
        assertThatThrownBy(() -> limits.check(incremental("2026-10-01T00:00:00", "2026-12-02T00:00:00")))
                .hasMessageContaining("may span at most 31 days");
    }

    private static IngestionWindow incremental(String from, String to) {
        return new IngestionWindow(
                IngestionWindow.Kind.INCREMENTAL, LocalDateTime.parse(from), LocalDateTime.parse(to));
    }

    private static IngestionWindow backfill(String from, String to) {
        return new IngestionWindow(IngestionWindow.Kind.BACKFILL, LocalDateTime.parse(from), LocalDateTime.parse(to));
    }
}
