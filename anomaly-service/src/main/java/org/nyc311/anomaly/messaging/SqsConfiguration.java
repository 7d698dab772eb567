package org.nyc311.anomaly.messaging;

import io.awspring.cloud.sqs.support.converter.MessagingMessageConverter;
import io.awspring.cloud.sqs.support.converter.SqsMessagingMessageConverter;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.model.Message;

/** Events travel as the shared JSON of {@code EventJson}, never as Spring's Java-typed payloads. */
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
    AnomalyProperties.Queues anomalyQueues(AnomalyProperties properties) {
        return properties.queues();
    }
}
