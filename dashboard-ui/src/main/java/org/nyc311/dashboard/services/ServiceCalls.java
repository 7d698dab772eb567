package org.nyc311.dashboard.services;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.nyc311.dashboard.config.ServicesProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Where a view's calls to the services run: on a pool of {@code nyc311.services.parallel-calls} threads of the
 * dashboard's own, so that a view's independent calls overlap (its load waits for the slowest, not for their sum)
 * while all views and users together have a bounded number in flight. A view starts its calls, then waits for their
 * answers while it builds itself: the calls never touch a component, so Vaadin's session lock is not needed by them.
 * A call must not start another and wait for it (the pool could be full of such waiters).
 */
@Component
public class ServiceCalls implements DisposableBean {

    private final ExecutorService pool;

    ServiceCalls(ServicesProperties services) {
        this.pool =
                Executors.newFixedThreadPool(services.parallelCalls(), new CustomizableThreadFactory("service-call-"));
    }

    /** Starts {@code call} now; its answer, or its failure, comes with {@link Answer#get()}. */
    public <T> Answer<T> start(Supplier<T> call) {
        return new Answer<>(CompletableFuture.supplyAsync(call, pool));
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    /** A call under way. */
    public static final class Answer<T> {

        private final CompletableFuture<T> future;

        private Answer(CompletableFuture<T> future) {
            this.future = future;
        }

        /**
         * Waits for the answer. A failure is thrown as the call threw it (a {@link ServiceUnavailableException} naming
         * the service), not wrapped, so a view handles it as it would a call made in place.
         */
        public T get() {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
