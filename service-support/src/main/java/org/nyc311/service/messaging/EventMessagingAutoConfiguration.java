package org.nyc311.service.messaging;

import io.awspring.cloud.sqs.config.SqsListenerConfigurer;
import io.awspring.cloud.sqs.support.converter.MessagingMessageConverter;
import io.awspring.cloud.sqs.support.converter.SqsMessagingMessageConverter;
import org.nyc311.model.event.EventJson;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Events travel as the shared JSON of {@link EventJson}, never as Spring's Java-typed payloads: other
 * services (and other languages) produce and consume them.
 *
 * <p>Runs before Spring Cloud AWS's own SQS auto-configuration, whose converter backs off when this
 * one is there; the listener container factory and {@code SqsTemplate} both use it. The factory also
 * takes the {@link ListenerRetryBudget}: a message that fails comes back later and later, not at once; and
 * the containers start through the {@link PatientListenerContainerRegistry}: SQS away at start-up does not
 * fail the start.
 */
@AutoConfiguration(beforeName = "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration")
@ConditionalOnClass(SqsMessagingMessageConverter.class)
@EnableConfigurationProperties(ListenerRetrySettings.class)
public class EventMessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ListenerRetryBudget sqsListenerRetryBudget(ListenerRetrySettings settings) {
        return new ListenerRetryBudget(settings);
    }

    /** Listener containers that wait for SQS at start-up instead of failing the start. */
    @Bean
    @ConditionalOnMissingBean
    PatientListenerContainerRegistry patientListenerContainerRegistry(Environment environment) {
        return new PatientListenerContainerRegistry(
                environment.getProperty("spring.cloud.aws.sqs.endpoint", "AWS SQS"));
    }

    @Bean
    SqsListenerConfigurer patientListenerStart(PatientListenerContainerRegistry registry) {
        return registrar -> registrar.setListenerContainerRegistry(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    EventJson eventJson() {
        return new EventJson();
    }

    @Bean
    @ConditionalOnMissingBean
    MessagingMessageConverter<Message> sqsMessagingMessageConverter() {
        SqsMessagingMessageConverter converter = new SqsMessagingMessageConverter();
        // the payload stays the JSON text, whatever type header a producer sent: EventJson reads it
        converter.setPayloadTypeMapper(message -> null);
        // and what we send carries no Java class name that consumers would have to know
        converter.doNotSendPayloadTypeHeader();
        return converter;
    }
}
