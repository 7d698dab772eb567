package org.nyc311.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import io.awspring.cloud.sqs.annotation.SqsListener;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nyc311.model.event.EventQueue;
import org.nyc311.testsupport.aws.LocalAwsAccount;
import org.nyc311.testsupport.net.Loopback;
import org.nyc311.testsupport.sqs.SqsServer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A service with a listener starts while SQS is away, and its listener takes messages once SQS is there. */
class PatientListenerContainerRegistryIT {

    @Test
    void aListenerWhoseSqsIsAwayAtStartTakesMessagesOnceItIsThere() throws Exception {
        int port = Loopback.freePort();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        EventMessagingAutoConfiguration.class,
                        SqsAutoConfiguration.class,
                        AwsAutoConfiguration.class,
                        CredentialsProviderAutoConfiguration.class,
                        RegionProviderAutoConfiguration.class))
                .withUserConfiguration(Listener.class)
                .withPropertyValues(
                        "spring.cloud.aws.region.static=us-east-1",
                        "spring.cloud.aws.credentials.access-key=" + LocalAwsAccount.ACCESS_KEY,
                        "spring.cloud.aws.credentials.secret-key=" + LocalAwsAccount.SECRET_KEY,
                        "spring.cloud.aws.sqs.endpoint=http://127.0.0.1:" + port,
                        "spring.cloud.aws.sqs.listener.poll-timeout=1s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Listener listener = context.getBean(Listener.class);
                    Thread.sleep(1_500);

                    try (SqsServer sqs = SqsServer.start(port, 3);
                            SqsClient client = sqs.client()) {
                        client.sendMessage(r -> r.queueUrl(sqs.queueUrl(EventQueue.GOLD_REFRESHED.queueName()))
                                .messageBody("{\"n\":1}"));

                        assertThat(listener.received.poll(Duration.ofSeconds(40).toMillis(), TimeUnit.MILLISECONDS))
                                .isEqualTo("{\"n\":1}");
                    }
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @SqsListener(queueNames = "nyc311-gold-refreshed")
        void onMessage(String body) {
            received.add(body);
        }
    }
}
