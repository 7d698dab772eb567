package org.nyc311.controller.messaging;

import io.awspring.cloud.sqs.support.converter.MessagingMessageConverter;
import io.awspring.cloud.sqs.support.converter.SqsMessagingMessageConverter;
import org.nyc311.controller.config.ControllerProperties;
import org.nyc311.model.event.EventJson;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Events travel as the shared JSON of {@link EventJson}, never as Spring's Java-typed payloads: other
 * services (and other languages) produce and consume them.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    @Bean
    EventJson eventJson() {
        return new EventJson();
    }

    /** Used by both the listener container and SqsTemplate (Spring Cloud AWS backs off its own). */
    @Bean
    MessagingMessageConverter<Message> sqsMessagingMessageConverter() {
        SqsMessagingMessageConverter converter = new SqsMessagingMessageConverter();
        // the payload stays the JSON text, whatever type header a producer sent: EventJson reads it
        converter.setPayloadTypeMapper(message -> null);
        // and what we send carries no Java class name that consumers would have to know
        converter.doNotSendPayloadTypeHeader();
        return converter;
    }

    /** The queue names, for the {@code @SqsListener} expression. */
    @Bean
    ControllerProperties.Queues controllerQueues(ControllerProperties properties) {
        return properties.queues();
    }
}
