package org.nyc311.anomaly.notify;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nyc311.model.event.AnomalyAlert;
import org.nyc311.model.event.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every alert transition to every configured channel, in rounds on Spring's scheduler (NotifyConfiguration),
 * apart from the check and from the SQS outbox: a channel that is away fails neither the check nor the alert's event.
 *
 * <p>Each round, per channel: every transition of the last {@code max-age} without a delivery gets one (the ledger
 * {@code alert_event} is the outbox: it commits with the alert); due deliveries are leased, sent with up to
 * {@code attempts} tries a doubling {@code attempt-wait} apart (Resilience4j), and marked delivered. One that still
 * fails is due again after {@code first-retry}, doubling per failed round up to {@code max-retry}, until the
 * transition is older than {@code max-age}: then it is given up, logged and counted.
 *
 * <p>The guarantee: every transition is delivered at least once to each channel while it is younger than
 * {@code max-age}; only an instance stopped between a channel's acceptance and the mark sends it again (after the
 * lease), so in practice once. SNS carries the event id as a message attribute for a subscriber to drop a repeat.
 */
public class AlertNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    /** Deliveries taken per channel and round: a burst of alerts drains over a few rounds, not one long one. */
    private static final int BATCH = 20;

    private final List<AlertChannel> channels;
    private final AlertDeliveries deliveries;
    private final EventJson eventJson;
    private final NotifyProperties settings;
    private final MeterRegistry registry;
    private final Clock clock;
    private final RetryConfig attempts;

    AlertNotifier(
            List<AlertChannel> channels,
            AlertDeliveries deliveries,
            EventJson eventJson,
            NotifyProperties settings,
            MeterRegistry registry,
            Clock clock) {
        this.channels = List.copyOf(channels);
        this.deliveries = deliveries;
        this.eventJson = eventJson;
        this.settings = settings;
        this.registry = registry;
        this.clock = clock;
        this.attempts = RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.attemptWait(), 2.0))
                .retryExceptions(RuntimeException.class)
                .build();
        for (AlertChannel channel : this.channels) {
            LOG.info("alert notifications go to {}", channel.name());
        }
    }

    /** The channels on; none when neither a webhook nor a topic is configured. */
    public List<String> channels() {
        return channels.stream().map(AlertChannel::name).toList();
    }

    /**
     * One round: every channel's due deliveries. Never throws for a channel's failure (it is recorded); throws only
     * when the database cannot be read or written, and then the next round tries again.
     *
     * @return deliveries that reached their channel in this round
     */
    public synchronized int deliverDue() {
        int delivered = 0;
        for (AlertChannel channel : channels) {
            Instant now = clock.instant();
            deliveries.enqueue(channel.name(), now.minus(settings.maxAge()));
            // a lease longer than one delivery's every try can take, so no second instance sends it meanwhile
            Instant leaseUntil = now.plus(leaseFor());
            for (AlertDeliveries.Due due : deliveries.claim(channel.name(), now, leaseUntil, BATCH)) {
                if (deliver(channel, due)) {
                    delivered++;
                }
            }
        }
        return delivered;
    }

    private boolean deliver(AlertChannel channel, AlertDeliveries.Due due) {
        Retry retry = Retry.of("notify-" + channel.name(), attempts);
        Counter failedAttempts = counter("nyc311.anomaly.notification.attempts.failed", channel.name(), null);
        retry.getEventPublisher().onError(e -> failedAttempts.increment()).onRetry(e -> failedAttempts.increment());
        try {
            AlertNotice notice = AlertNotice.of(
                    eventJson.read(due.payload(), AnomalyAlert.class), due.payload(), settings.dashboardUrl());
            Retry.decorateRunnable(retry, () -> channel.send(notice)).run();
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            String error = String.valueOf(e);
            if (!due.recordedAt().plus(settings.maxAge()).isAfter(now)) {
                deliveries.givenUp(due.eventId(), channel.name(), now, error);
                counter("nyc311.anomaly.notifications", channel.name(), "given_up")
                        .increment();
                LOG.error(
                        "alert notification {} to {} given up after {} rounds, the transition is older than {}: {}",
                        due.eventId(),
                        channel.name(),
                        due.attempt(),
                        settings.maxAge(),
                        error);
            } else {
                Instant next = now.plus(backoff(due.attempt()));
                deliveries.failed(due.eventId(), channel.name(), next, error);
                counter("nyc311.anomaly.notifications", channel.name(), "retrying")
                        .increment();
                LOG.warn(
                        "alert notification {} to {} failed (round {}), next try at {}: {}",
                        due.eventId(),
                        channel.name(),
                        due.attempt(),
                        next,
                        error);
            }
            return false;
        }
        deliveries.delivered(due.eventId(), channel.name(), clock.instant());
        counter("nyc311.anomaly.notifications", channel.name(), "delivered").increment();
        LOG.info("alert notification {} delivered to {}", due.eventId(), channel.name());
        return true;
    }

    /** The wait after the {@code round}-th failed round: first-retry, doubling, at most max-retry. */
    Duration backoff(int round) {
        Duration wait = settings.firstRetry();
        for (int i = 1; i < round && wait.compareTo(settings.maxRetry()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait;
    }

    private Duration leaseFor() {
        Duration tries = settings.connectTimeout()
                .plus(settings.readTimeout())
                .multipliedBy(settings.attempts())
                .plus(settings.attemptWait().multipliedBy(1L << Math.min(settings.attempts(), 20)));
        return tries.multipliedBy(BATCH).plusMinutes(1);
    }

    private Counter counter(String name, String channel, @Nullable String outcome) {
        Counter.Builder builder = Counter.builder(name).tag("channel", channel);
        if (outcome != null) {
            builder.tag("outcome", outcome).description("alert notifications by channel and outcome of a round");
        } else {
            builder.description("alert notification attempts that failed (each try, retries included)");
        }
        return builder.register(registry);
    }

    /** A scheduled round: a database outage is logged and waits for the next round. */
    void deliverQuietly() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warn(
                    "alert notifications wait for the database, next round in {} s: {}",
                    settings.pollInterval().toSeconds(),
                    e.toString());
        }
    }

    /** Closes the channels' clients (Spring calls it when the context closes). */
    @Override
    public void close() {
        for (AlertChannel channel : channels) {
            channel.close();
        }
    }
}
