package org.nyc311.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.nyc311.testsupport.aws.LocalAwsAccount;
import org.nyc311.testsupport.sqs.SqsServer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

class DependencyHealthIT {

    private final MovingClock clock = new MovingClock(Instant.parse("2026-06-01T08:00:00Z"));

    @Test
    void aDependencyThatAnswersIsUpWithWhereItIs() {
        Health health = new Probe(true, () -> Map.of("bucket", "nyc311-lake")).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("endpoint", "http://127.0.0.1:9000")
                .containsEntry("bucket", "nyc311-lake");
    }

    @Test
    void aDependencyThatFailsSaysWhatWhereWhyAndSinceWhen() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>(
                new IllegalStateException("call failed", new java.net.ConnectException("Connection refused")));
        Probe probe = new Probe(false, () -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return Map.of();
        });

        Health first = probe.health();
        clock.advance(Duration.ofSeconds(42));
        Health later = probe.health();
        failure.set(null);
        Health back = probe.health();

        assertThat(first.getStatus()).isEqualTo(DependencyHealth.DEGRADED);
        assertThat(later.getDetails())
                .containsEntry("endpoint", "http://127.0.0.1:9000")
                .containsEntry("downSince", "2026-06-01T08:00:00Z")
                .containsEntry("downForSeconds", 42L);
        assertThat((String) later.getDetails().get("error"))
                .contains("call failed")
                .contains("Connection refused");
        assertThat(back.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aRequiredDependencyIsDown() {
        Health health = new Probe(true, () -> {
                    throw new IllegalStateException("away");
                })
                .health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void aDependencyThatHangsIsDownAfterTheTimeoutAndIsNotAskedTwiceAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
        Probe probe = new Probe(false, () -> {
            probes.incrementAndGet();
            release.await();
            return Map.of();
        });

        long start = System.nanoTime();
        Health hung = probe.health();
        Health stillHung = probe.health();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        release.countDown();

        assertThat(hung.getStatus()).isEqualTo(DependencyHealth.DEGRADED);
        assertThat((String) stillHung.getDetails().get("error")).isEqualTo("no answer within 200 ms");
        assertThat(tookMillis).isLessThan(2_000);
        assertThat(probes.get()).isEqualTo(1);
        probe.destroy();
    }

    @Test
    void sqsIsUpWhenItsQueuesAreThereAndDegradedWhenItIsAway() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        try (SqsServer sqs = SqsServer.start(0, 3);
                SqsAsyncClient up = client(sqs.endpoint().toString());
                SqsAsyncClient away = client("http://127.0.0.1:" + freePort)) {
            Health present = new SqsHealth(
                            up,
                            sqs.endpoint().toString(),
                            List.of("nyc311-gold-refreshed"),
                            Duration.ofSeconds(10),
                            clock)
                    .health();
            Health absent = new SqsHealth(
                            away,
                            "http://127.0.0.1:" + freePort,
                            List.of("nyc311-gold-refreshed"),
                            Duration.ofSeconds(10),
                            clock)
                    .health();

            assertThat(present.getStatus()).isEqualTo(Status.UP);
            assertThat(present.getDetails()).containsEntry("queues", List.of("nyc311-gold-refreshed"));
            assertThat(absent.getStatus()).isEqualTo(DependencyHealth.DEGRADED);
            assertThat(absent.getDetails()).containsKey("error");
        }
    }

    private static SqsAsyncClient client(String endpoint) {
        return SqsAsyncClient.builder()
                .endpointOverride(java.net.URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAwsAccount.ACCESS_KEY, LocalAwsAccount.SECRET_KEY)))
                .build();
    }

    private final class Probe extends DependencyHealth {
        private final java.util.concurrent.Callable<Map<String, Object>> answer;

        Probe(boolean required, java.util.concurrent.Callable<Map<String, Object>> answer) {
            super("test", "http://127.0.0.1:9000", required, Duration.ofMillis(200), clock);
            this.answer = answer;
        }

        @Override
        protected Map<String, Object> probe() throws Exception {
            return answer.call();
        }
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
