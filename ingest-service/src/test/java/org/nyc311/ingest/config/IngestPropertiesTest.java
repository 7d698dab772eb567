package org.nyc311.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nyc311.model.event.EventQueue;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code nyc311.ingest.*} and {@code nyc311.lake.*} as Spring Boot binds them: with nothing set, each setting has the
 * one default its record gives (application.yml sets none of them).
 */
class IngestPropertiesTest {

    private final Binder nothing = new Binder(new MapConfigurationPropertySource(Map.of()));

    @Test
    void withNothingSetTheIntakeHasItsDefaults() {
        IngestProperties ingest = nothing.bindOrCreate("nyc311.ingest", IngestProperties.class);

        assertThat(ingest.soda().resourceUri())
                .isEqualTo(URI.create("https://data.cityofnewyork.us/resource/erm2-nwe9.json"));
        assertThat(ingest.soda().hasAppToken()).isFalse();
        assertThat(ingest.soda().pageSize()).isEqualTo(50_000);
        assertThat(ingest.soda().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ingest.soda().readTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(ingest.file().pageSize()).isEqualTo(50_000);
        assertThat(ingest.file().replayDirectory()).isNull();
        assertThat(ingest.retry())
                .isEqualTo(new IngestProperties.Retry(
                        Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60), Duration.ofMinutes(10), 12));
        assertThat(ingest.incremental().overlap()).isEqualTo(Duration.ofDays(1));
        assertThat(ingest.incremental().firstLookback()).isEqualTo(Duration.ofDays(1));
        assertThat(ingest.limits())
                .isEqualTo(
                        new IngestProperties.Limits(Duration.ofDays(366), Duration.ofDays(31), Duration.ofMinutes(5)));
        assertThat(ingest.lease()).isEqualTo(new IngestProperties.Lease(Duration.ofMinutes(2), Duration.ofSeconds(20)));
        assertThat(ingest.schedule())
                .isEqualTo(new IngestProperties.Schedule(true, "0 0 3 * * *", ZoneId.of("America/New_York")));
        assertThat(ingest.events()).isEqualTo(new IngestProperties.Events(true, Duration.ofSeconds(30)));
        assertThat(ingest.oneShot().enabled()).isFalse();
        assertThat(ingest.runs()).isEqualTo(new IngestProperties.Runs(2, 16));
        assertThat(ingest.resume())
                .isEqualTo(new IngestProperties.Resume(
                        true, Duration.ofSeconds(30), Duration.ofMinutes(10), 20, Duration.ofSeconds(10)));
        assertThat(ingest.queues().rawBatchLanded()).isEqualTo(EventQueue.RAW_BATCH_LANDED.queueName());
    }

    @Test
    void withNothingSetBatchesLandInTheLocalBucket() {
        assertThat(nothing.bindOrCreate("nyc311.lake", LakeProperties.class).bucket())
                .isEqualTo("nyc311-lake");
    }

    @Test
    void theDailyRunIsTurnedOffUnderItsOwnKey() {
        IngestProperties ingest = new Binder(
                        new MapConfigurationPropertySource(Map.of("nyc311.ingest.schedule.enabled", "false")))
                .bindOrCreate("nyc311.ingest", IngestProperties.class);

        assertThat(ingest.schedule().enabled()).isFalse();
        assertThat(ingest.schedule().cron()).isEqualTo("0 0 3 * * *");
    }
}
