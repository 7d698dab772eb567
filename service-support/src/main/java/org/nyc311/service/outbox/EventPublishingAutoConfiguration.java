package org.nyc311.service.outbox;

import org.nyc311.model.event.EventJson;
import org.nyc311.service.messaging.EventMessagingAutoConfiguration;
import org.nyc311.service.messaging.QueueNames;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link EventPublisher} of a service that has an {@link EventOutbox} (the service declares it, with its
 * own retry interval key, on its own DataSource) and its {@link QueueNames}.
 */
@AutoConfiguration(after = EventMessagingAutoConfiguration.class)
public class EventPublishingAutoConfiguration {

    @Bean
    @ConditionalOnBean({EventOutbox.class, EventJson.class, QueueNames.class})
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(EventOutbox outbox, EventJson eventJson, QueueNames queues) {
        return new EventPublisher(outbox, eventJson, queues);
    }
}
