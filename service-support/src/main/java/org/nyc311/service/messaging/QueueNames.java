package org.nyc311.service.messaging;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.PipelineEvent;

/**
 * The SQS queues a service reads and writes, named by its own properties (production prefixes them per
 * environment; the defaults are shared-model's {@link EventQueue} names). Each service's {@code Queues}
 * settings record implements it with one component per queue, named after its event's queue
 * ({@code rawBatchLanded} for {@link EventQueue#RAW_BATCH_LANDED}, {@code goldRefreshed}, ...), each
 * defaulted in its compact constructor with {@link #orDefault}. One bean of it tells the
 * {@code EventPublisher} where each event goes and the {@code sqs} health which queues to look for.
 */
public interface QueueNames {

    /** {@code configured}, or the local default name of {@code queue} when it is not set. */
    static String orDefault(@Nullable String configured, EventQueue queue) {
        return configured == null || configured.isBlank() ? queue.queueName() : configured;
    }

    /**
     * Each event this service sends or receives, with the name of its queue here, in the chain's order:
     * by default read from the record's components, each named after its queue.
     */
    default Map<EventQueue, String> byEvent() {
        if (!getClass().isRecord()) {
            throw new IllegalStateException(
                    getClass().getName() + " must be a record of queue names or override byEvent()");
        }
        Map<EventQueue, String> names = new EnumMap<>(EventQueue.class);
        for (RecordComponent component : getClass().getRecordComponents()) {
            EventQueue queue = queueNamed(component.getName());
            java.lang.reflect.Method accessor = component.getAccessor();
            // a record nested privately (a test's) is read all the same
            accessor.trySetAccessible();
            try {
                names.put(queue, (String) accessor.invoke(this));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(
                        "cannot read " + component.getName() + " of "
                                + getClass().getName(),
                        e);
            }
        }
        return names;
    }

    /** The queue events of this type travel on. */
    default String queueOf(Class<? extends PipelineEvent> eventType) {
        String name = byEvent().get(EventQueue.of(eventType));
        if (name == null) {
            throw new IllegalArgumentException("this service has no queue for " + eventType.getSimpleName());
        }
        return name;
    }

    /** Every queue the service uses, in the chain's order. */
    default List<String> all() {
        return List.copyOf(byEvent().values());
    }

    /** {@code goldRefreshed} names {@link EventQueue#GOLD_REFRESHED}. */
    private static EventQueue queueNamed(String component) {
        String constant = component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
        try {
            return EventQueue.valueOf(constant);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "queue name component " + component + " names no EventQueue (" + constant + ")", e);
        }
    }
}
