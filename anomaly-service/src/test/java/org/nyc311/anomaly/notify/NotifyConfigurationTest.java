package org.nyc311.anomaly.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nyc311.model.event.EventJson;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.client.RestClient;

/**
 * The wiring: without a webhook or a topic no channel is on and no round is scheduled; with a webhook, rounds run
 * every poll-interval on Spring's scheduler, for the webhook.
 */
class NotifyConfigurationTest {

    private final AlertDeliveries deliveries = mock(AlertDeliveries.class);

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Collaborators {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        EventJson eventJson() {
            return new EventJson();
        }

        @Bean
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        RestClient.Builder http() {
            return RestClient.builder();
        }
    }

    private ApplicationContextRunner context() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Collaborators.class, NotifyConfiguration.class)
                .withBean(AlertDeliveries.class, () -> deliveries);
    }

    @Test
    void noChannelNoRound() {
        context().withPropertyValues("nyc311.anomaly.notify.poll-interval=50ms").run(app -> {
            assertThat(app.getBean(AlertNotifier.class).channels()).isEmpty();
            Thread.sleep(300);
            verify(deliveries, never()).enqueue(any(), any());
        });
    }

    @Test
    void aWebhookIsNotifiedInRoundsEveryPollInterval() {
        context()
                .withPropertyValues(
                        "nyc311.anomaly.notify.webhook-url=http://127.0.0.1:9/hooks",
                        "nyc311.anomaly.notify.poll-interval=50ms")
                .run(app -> {
                    assertThat(app.getBean(AlertNotifier.class).channels()).containsExactly("webhook");
                    await().atMost(Duration.ofSeconds(10))
                            .untilAsserted(
                                    () -> verify(deliveries, atLeast(2)).claim(eq("webhook"), any(), any(), anyInt()));
                });
    }
}
