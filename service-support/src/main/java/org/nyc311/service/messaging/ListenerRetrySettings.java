package org.nyc311.service.messaging;

import java.time.Duration;
import org.nyc311.model.event.EventQueue;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a message whose handling failed stays invisible before SQS delivers it again: the first
 * wait, doubled (by {@code multiplier}) after each further failed receive, capped at
 * {@code maxVisibility}. Shared by every consumer, under {@code nyc311.messaging.listener-retry}, so
 * that one budget holds on every queue.
 *
 * @param initialVisibility the wait after the first failed receive
 * @param multiplier how much longer each further wait is
 * @param maxVisibility the longest single wait (SQS allows 12 h at most)
 */
@ConfigurationProperties("nyc311.messaging.listener-retry")
public record ListenerRetrySettings(Duration initialVisibility, Double multiplier, Duration maxVisibility) {

    public ListenerRetrySettings {
        initialVisibility = initialVisibility == null ? Duration.ofSeconds(60) : initialVisibility;
        multiplier = multiplier == null ? 2.0 : multiplier;
        maxVisibility = maxVisibility == null ? Duration.ofMinutes(10) : maxVisibility;
        if (initialVisibility.toSeconds() < 1 || maxVisibility.compareTo(initialVisibility) < 0 || multiplier < 1.0) {
            throw new IllegalArgumentException("nyc311.messaging.listener-retry: initial-visibility of 1 s or more, "
                    + "max-visibility at least as long, multiplier of 1 or more");
        }
    }

    /** The wait after failed receive number {@code receive} (1-based). */
    public Duration visibilityAfter(long receive) {
        double seconds = initialVisibility.toSeconds() * Math.pow(multiplier, Math.max(0, receive - 1));
        return Duration.ofSeconds((long) Math.min(seconds, maxVisibility.toSeconds()));
    }

    /**
     * The retry budget: how long after its first failed delivery a message is delivered for the last time
     * (the waits after receives 1 to {@code maxReceiveCount - 1}). A dependency away for less than this
     * costs no message: the last delivery at the latest finds it back.
     */
    public Duration budget(int maxReceiveCount) {
        return sumOfWaits(maxReceiveCount - 1);
    }

    /** When, after its first failed delivery, a message that fails every delivery reaches the dead-letter queue. */
    public Duration deadLetteredAfter(int maxReceiveCount) {
        return sumOfWaits(maxReceiveCount);
    }

    /** The budget on the pipeline's queues, whose redrive policy allows {@link EventQueue#MAX_RECEIVE_COUNT} receives. */
    public Duration budget() {
        return budget(EventQueue.MAX_RECEIVE_COUNT);
    }

    private Duration sumOfWaits(int receives) {
        Duration total = Duration.ZERO;
        for (int receive = 1; receive <= receives; receive++) {
            total = total.plus(visibilityAfter(receive));
        }
        return total;
    }
}
