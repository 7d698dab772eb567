package org.nyc311.service.messaging;

import io.awspring.cloud.sqs.listener.AbstractMessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.nyc311.service.health.DependencyFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The registry that starts the {@code @SqsListener} containers, patient with SQS. Spring Cloud AWS's own
 * starts every container at context start and fails the start when one cannot resolve its queue: with
 * SQS away the service exits, and an orchestrator restarts it into the same outage (a crash loop). This
 * one starts what it can; a container whose SQS cannot be reached is tried again in the background,
 * every 1, 2, 4 ... at most 30 s, with a line in the log each time, and takes messages as soon as SQS
 * answers. A failure that is not an outage (a queue that does not exist and may not be created, a bad
 * option) still fails the start. Once started, a container polls on through an outage by itself.
 */
public class PatientListenerContainerRegistry implements MessageListenerContainerRegistry, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(PatientListenerContainerRegistry.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final String endpoint;
    private final Map<String, MessageListenerContainer<?>> containers = new LinkedHashMap<>();
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sqs-listener-start");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;

    /** @param endpoint where SQS is, for the log */
    public PatientListenerContainerRegistry(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public synchronized void registerListenerContainer(MessageListenerContainer<?> container) {
        if (containers.putIfAbsent(container.getId(), container) != null) {
            throw new IllegalArgumentException(
                    "a listener container with id " + container.getId() + " is registered already");
        }
    }

    @Override
    public synchronized Collection<MessageListenerContainer<?>> getListenerContainers() {
        return List.copyOf(containers.values());
    }

    @Override
    public synchronized @Nullable MessageListenerContainer<?> getContainerById(String id) {
        return containers.get(id);
    }

    @Override
    public synchronized void start() {
        running = true;
        for (MessageListenerContainer<?> container : containers.values()) {
            if (container.isAutoStartup()) {
                startOrRetry(container, FIRST_RETRY, false);
            }
        }
    }

    private synchronized void startOrRetry(MessageListenerContainer<?> container, Duration wait, boolean retry) {
        if (!running) {
            return;
        }
        try {
            container.start();
            if (retry) {
                LOG.info("SQS at {} answered: listener on {} started", endpoint, queues(container));
            }
        } catch (RuntimeException e) {
            if (!DependencyFailures.unreachable(e)) {
                throw e;
            }
            stopQuietly(container);
            Duration next = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            LOG.warn(
                    "SQS at {} is unreachable: listener on {} not started yet, trying again in {} s ({})",
                    endpoint,
                    queues(container),
                    wait.toSeconds(),
                    DependencyFailures.describe(e));
            pending.removeIf(ScheduledFuture::isDone);
            pending.add(retries.schedule(
                    () -> {
                        try {
                            startOrRetry(container, next, true);
                        } catch (RuntimeException failure) {
                            LOG.error(
                                    "listener on {} could not be started: {}",
                                    queues(container),
                                    DependencyFailures.describe(failure),
                                    failure);
                        }
                    },
                    wait.toMillis(),
                    TimeUnit.MILLISECONDS));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        pending.forEach(future -> future.cancel(false));
        pending.clear();
        containers.values().forEach(PatientListenerContainerRegistry::stopQuietly);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** As Spring Cloud AWS's registry: the last phase, so that listeners start after, and stop before, everything they call. */
    @Override
    public int getPhase() {
        return MessageListenerContainer.DEFAULT_PHASE;
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }

    private static void stopQuietly(MessageListenerContainer<?> container) {
        try {
            if (container.isRunning()) {
                container.stop();
            }
        } catch (RuntimeException e) {
            LOG.debug("listener container {} did not stop cleanly: {}", container.getId(), e.toString());
        }
    }

    private static Object queues(MessageListenerContainer<?> container) {
        return container instanceof AbstractMessageListenerContainer<?, ?, ?> listener
                ? listener.getQueueNames()
                : container.getId();
    }
}
