package org.nyc311.controller.quality;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code watch-interval}, asks {@link DataQualityCheck#judgeLateness} for the days no run brought in time: the
 * one check that needs no run, since a dead intake starts none. A failed look (PostgreSQL away) is logged and tried
 * again at the next interval.
 */
@Component
public class FeedWatch implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(FeedWatch.class);

    private final DataQualityCheck check;
    private final DataQualityProperties properties;
    private final Clock clock;
    private @Nullable ScheduledExecutorService timer;

    public FeedWatch(DataQualityCheck check, DataQualityProperties properties, Clock clock) {
        this.check = check;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "feed-watch");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.watchInterval().toMillis();
        started.scheduleWithFixedDelay(this::look, every, every, TimeUnit.MILLISECONDS);
        timer = started;
    }

    void look() {
        try {
            check.judgeLateness(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("the feed watch could not look for late days; trying again in {}", properties.watchInterval(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
