package org.nyc311.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.awspring.cloud.sqs.support.converter.MessagingMessageConverter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.ForecastsPublished;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.MessageBuilder;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** As a service runs it: this auto-configuration next to Spring Cloud AWS's SQS one, no queue needed. */
class EventMessagingAutoConfigurationTest {

    /** The header Spring Cloud AWS writes the payload's Java class into, and reads it back from. */
    private static final String TYPE_HEADER = "JavaType";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EventMessagingAutoConfiguration.class,
                    SqsAutoConfiguration.class,
                    AwsAutoConfiguration.class,
                    CredentialsProviderAutoConfiguration.class,
                    RegionProviderAutoConfiguration.class))
            .withPropertyValues(
                    "spring.cloud.aws.region.static=us-east-1",
                    "spring.cloud.aws.credentials.access-key=test",
                    "spring.cloud.aws.credentials.secret-key=test",
                    "spring.cloud.aws.sqs.endpoint=http://127.0.0.1:9");

    private final ForecastsPublished event = ForecastsPublished.of(
            Clock.fixed(Instant.parse("2026-05-02T06:00:00Z"), ZoneOffset.UTC),
            "run-1",
            7,
            LocalDate.of(2026, 5, 1),
            30,
            12,
            1,
            "mlflow-1");

    @Test
    void theConverterSqsUsesIsTheSharedOne() {
        service.run(context -> {
            assertThat(context)
                    .hasSingleBean(MessagingMessageConverter.class)
                    .hasSingleBean(EventJson.class)
                    .hasSingleBean(SqsTemplate.class);
            assertThat(context.getBeanNamesForType(MessagingMessageConverter.class))
                    .containsExactly("sqsMessagingMessageConverter");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventsTravelAsPlainJsonWithoutATypeHeader() {
        service.run(context -> {
            MessagingMessageConverter<Message> converter = context.getBean(MessagingMessageConverter.class);
            String json = context.getBean(EventJson.class).write(event);

            Message sent = converter.fromMessagingMessage(
                    MessageBuilder.withPayload(json).build());

            assertThat(sent.body()).isEqualTo(json);
            assertThat(sent.messageAttributes()).doesNotContainKey(TYPE_HEADER);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProducersTypeHeaderIsIgnoredAndThePayloadStaysTheJsonText() {
        service.run(context -> {
            MessagingMessageConverter<Message> converter = context.getBean(MessagingMessageConverter.class);
            EventJson eventJson = context.getBean(EventJson.class);
            String json = eventJson.write(event);
            Message received = Message.builder()
                    .messageId(UUID.randomUUID().toString())
                    .body(json)
                    .messageAttributes(Map.of(
                            TYPE_HEADER,
                            MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue(ForecastsPublished.class.getName())
                                    .build()))
                    .build();

            Object payload = converter.toMessagingMessage(received).getPayload();

            assertThat(payload).isEqualTo(json);
            assertThat(eventJson.read((String) payload, ForecastsPublished.class))
                    .isEqualTo(event);
        });
    }

    @Test
    void listenersGetTheRetryBudgetWhichPropertiesCanShorten() {
        service.run(context ->
                assertThat(context.getBean(ListenerRetryBudget.class)).isNotNull());
        service.withPropertyValues(
                        "nyc311.messaging.listener-retry.initial-visibility=2s",
                        "nyc311.messaging.listener-retry.max-visibility=16s")
                .run(context -> {
                    ListenerRetrySettings settings = context.getBean(ListenerRetrySettings.class);
                    assertThat(settings.budget()).isEqualTo(java.time.Duration.ofSeconds(2 + 4 + 8 + 16));
                });
    }

    @Test
    void aServicesOwnBeansComeFirst() {
        service.withUserConfiguration(OwnEventJson.class).run(context -> {
            assertThat(context).hasSingleBean(EventJson.class);
            assertThat(context.getBean(EventJson.class)).isSameAs(OwnEventJson.INSTANCE);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEventJson {
        static final EventJson INSTANCE = new EventJson();

        @Bean
        EventJson ownEventJson() {
            return INSTANCE;
        }
    }
}
