package org.nyc311.forecastservice.messaging;

import io.awspring.cloud.sqs.support.converter.MessagingMessageConverter;
import io.awspring.cloud.sqs.support.converter.SqsMessagingMessageConverter;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Events travel as the shared JSON of {@code EventJson}, never as Spring's Java-typed payloads: other
 * services produce and consume them.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    @Bean
    MessagingMessageConverter<Message> sqsMessagingMessageConverter() {
        SqsMessagingMessageConverter converter = new SqsMessagingMessageConverter();
        converter.setPayloadTypeMapper(message -> null);
        converter.doNotSendPayloadTypeHeader();
        return converter;
    }

    /** The queue names, for the {@code @SqsListener} expression. */
    @Bean
    ForecastProperties.Queues forecastQueues(ForecastProperties properties) {
        return properties.queues();
    }
}
