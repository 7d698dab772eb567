package org.nyc311.service.messaging;

import java.util.List;
import java.util.Map;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.PipelineEvent;

/**
 * The SQS queues a service reads and writes, named by its own properties (production prefixes them per
 * environment; the defaults are shared-model's {@link EventQueue} names). Each service's
 * {@code Queues} settings record implements it, and one bean of it tells the {@link EventPublisher} where
 * each event goes and the {@code sqs} health which queues to look for.
 */
public interface QueueNames {

    /** Each event this service sends or receives, with the name of its queue here, in the chain's order. */
    Map<EventQueue, String> byEvent();

    /** {@code names} in the chain's order (that of {@link EventQueue}), for {@link #byEvent()}. */
    static Map<EventQueue, String> inChainOrder(Map<EventQueue, String> names) {
        return java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(names));
    }

    /** The queue events of this type travel on. */
    default String queueOf(Class<? extends PipelineEvent> eventType) {
        EventQueue queue = EventQueue.of(eventType);
        String name = byEvent().get(queue);
        if (name == null) {
            throw new IllegalArgumentException("this service has no queue for " + eventType.getSimpleName());
        }
        return name;
    }

    /** Every queue the service uses. */
    default List<String> all() {
        return List.copyOf(byEvent().values());
    }

    /** {@code configured}, or the local default name of {@code queue} when it is not set. */
    static String orDefault(String configured, EventQueue queue) {
        return configured == null || configured.isBlank() ? queue.queueName() : configured;
    }
}
