package org.nyc311.ingest.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.ingest.events.OutboxMigrations;
import org.nyc311.ingest.metrics.IngestionMetrics;
import org.nyc311.testsupport.postgres.PostgresSliceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The watermark on a real PostgreSQL with this service's Flyway migrations, each test in a transaction rolled
 * back: it only moves forward, whatever order runs complete in, and a poisoned one (later than when it was
 * stored) is clamped when read and replaced by the next sane value.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({WatermarkStore.class, OutboxMigrations.class, WatermarkStoreTest.Wiring.class})
class WatermarkStoreTest extends PostgresSliceTest {

    private static final Instant NOW = Instant.parse("2026-06-01T07:00:00Z");

    @TestConfiguration
    @EnableConfigurationProperties(IngestProperties.class)
    static class Wiring {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        IngestionMetrics metrics(Clock clock) {
            return new IngestionMetrics(new SimpleMeterRegistry(), clock);
        }
    }

    @Autowired
    WatermarkStore watermarks;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theWatermarkOnlyMovesForward() {
        assertThat(watermarks.current()).isEmpty();
        assertThat(watermarks.startingPoint()).isEmpty();

        watermarks.advance(LocalDateTime.parse("2026-06-01T05:00:00"), "r-2");
        watermarks.advance(LocalDateTime.parse("2026-06-01T04:00:00"), "r-1");

        assertThat(watermarks.current()).contains(LocalDateTime.parse("2026-06-01T05:00:00"));
        assertThat(watermarks.startingPoint()).contains(LocalDateTime.parse("2026-06-01T05:00:00"));
        watermarks.advance(LocalDateTime.parse("2026-06-01T06:00:00"), "r-3");
        assertThat(watermarks.current()).contains(LocalDateTime.parse("2026-06-01T06:00:00"));
    }

    @Test
    void aPoisonedWatermarkIsClampedToWhenItWasStoredAndTheNextSaneValueReplacesIt() {
        // set by a window that ended in the future, before windows were checked
        watermarks.advance(LocalDateTime.parse("2027-01-01T00:00:00"), "r-future");

        assertThat(watermarks.current()).contains(LocalDateTime.parse("2027-01-01T00:00:00"));
        assertThat(watermarks.startingPoint()).contains(LocalDateTime.parse("2026-06-01T07:00:00"));
        watermarks.advance(LocalDateTime.parse("2026-06-01T06:30:00"), "r-sane");
        assertThat(watermarks.current()).contains(LocalDateTime.parse("2026-06-01T06:30:00"));
        assertThat(jdbc.queryForObject(
                        "SELECT run_id FROM ingestion_watermark WHERE feed = ?", String.class, WatermarkStore.FEED))
                .isEqualTo("r-sane");
    }
}
