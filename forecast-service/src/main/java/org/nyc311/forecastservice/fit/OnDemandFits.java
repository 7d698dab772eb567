package org.nyc311.forecastservice.fit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.nyc311.forecastservice.config.ForecastProperties;
import org.nyc311.service.web.ServiceUnavailableException;
import org.nyc311.service.web.TooManyRequestsException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Where {@code POST /api/v1/forecasts} fits run: {@code nyc311.forecast.on-demand.threads} threads of their own and no
 * queue, so that callers can never pile up work on a small task. A fit that finds every thread busy is refused at
 * once (429, Retry-After); a caller waits at most {@code on-demand.timeout} (then 503). A fit that timed out is
 * interrupted, and its thread counts as busy until it stops: the bound holds even for a fit that ignores the
 * interrupt.
 */
@Component
public class OnDemandFits implements DisposableBean {

    private final ThreadPoolExecutor pool;
    private final Duration timeout;

    public OnDemandFits(ForecastProperties properties) {
        ForecastProperties.OnDemand settings = properties.onDemand();
        this.pool = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                0,
                TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(),
                new CustomizableThreadFactory("on-demand-fit-"));
        this.timeout = settings.timeout();
    }

    /**
     * Runs {@code fit} on the pool and waits for it.
     *
     * @throws TooManyRequestsException when every thread is busy
     * @throws ServiceUnavailableException when it takes longer than the timeout
     */
    public <T> T run(Supplier<T> fit) {
        Future<T> answer;
        try {
            answer = pool.submit(fit::get);
        } catch (RejectedExecutionException e) {
            throw new TooManyRequestsException(
                    "Too many forecasts at once",
                    "this service fits " + pool.getMaximumPoolSize()
                            + " on-demand forecast(s) at a time and all are busy; try again shortly",
                    timeout);
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ServiceUnavailableException(
                    "Forecast took too long",
                    "the fit did not finish within " + timeout.toSeconds()
                            + " s and was stopped; a shorter history or horizon fits faster",
                    timeout,
                    java.util.Map.of());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a fit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("the fit failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
