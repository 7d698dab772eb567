package org.nyc311.service.outbox;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Events a service must not lose while SQS is away. {@link #stage} stores the event in the service's
 * own database (table {@code event_outbox}, which each service's Flyway migration creates, see
 * {@code event_outbox.sql} beside this class), in the transaction of the change that made it when
 * there is one; once that commits, the relay sends it. What SQS refuses stays in the table and is sent
 * again every {@code retryInterval} until SQS takes it, and once more when the service stops.
 *
 * <p>At least once: a relay stopped between send and mark sends the event again on its next round,
 * with the same id, which consumers drop. The event id is the table's key, so staging the same event
 * twice (a step repeated after a crash) stores and sends it once.
 */
public class EventOutbox implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EventOutbox.class);
    /**
     * How long the last round at stop may take. A database or SQS already gone would otherwise hold the shutdown for
     * the pool's and the SDK's own timeouts (30 s and more), past an orchestrator's stop timeout; what it leaves is
     * in the table and goes on the next start.
     */
    static final Duration LAST_ROUND_LIMIT = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final SqsTemplate sqs;
    private final Clock clock;
    private final Duration retryInterval;
    private volatile @Nullable ScheduledExecutorService relay;

    public EventOutbox(JdbcClient jdbc, SqsTemplate sqs, Clock clock, Duration retryInterval) {
        this.jdbc = jdbc;
        this.sqs = sqs;
        this.clock = clock;
        this.retryInterval = retryInterval;
    }

    /** An outbox in this DataSource's {@code event_outbox}, taking part in the transactions Spring manages on it. */
    public static EventOutbox on(DataSource dataSource, SqsTemplate sqs, Clock clock, Duration retryInterval) {
        return new EventOutbox(JdbcClient.create(dataSource), sqs, clock, retryInterval);
    }

    /**
     * Stores the event to be sent to {@code queue}; sends it after the surrounding transaction commits
     * (at once without one). Throws only when the database cannot store it.
     */
    public void stage(String queue, UUID eventId, String payload) {
        jdbc.sql("""
                INSERT INTO event_outbox (event_id, queue, payload, created_at) VALUES (:id, :queue, :payload, :now)
                ON CONFLICT (event_id) DO NOTHING""")
                .param("id", eventId)
                .param("queue", queue)
                .param("payload", payload)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relaySoon();
                }
            });
        } else {
            relaySoon();
        }
    }

    /**
     * Sends every unsent event, oldest first, and marks each sent; stops at the first SQS refuses.
     *
     * @return events sent
     */
    public synchronized int relay() {
        List<Pending> pending = jdbc.sql("SELECT event_id, queue, payload FROM event_outbox WHERE sent_at IS NULL "
                        + "ORDER BY created_at, event_id LIMIT 100")
                .query((rs, row) -> new Pending(
                        rs.getObject("event_id", UUID.class), rs.getString("queue"), rs.getString("payload")))
                .list();
        int sent = 0;
        for (Pending event : pending) {
            sqs.send(to -> to.queue(event.queue()).payload(event.payload()));
            jdbc.sql("UPDATE event_outbox SET sent_at = :now WHERE event_id = :id")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("id", event.eventId())
                    .update();
            LOG.info("event {} sent to {}", event.eventId(), event.queue());
            sent++;
        }
        return sent;
    }

    /** Events stored and not yet sent. */
    public long unsent() {
        return jdbc.sql("SELECT count(*) FROM event_outbox WHERE sent_at IS NULL")
                .query(Long.class)
                .single();
    }

    private void relaySoon() {
        ScheduledExecutorService executor = relay;
        if (executor != null) {
            executor.execute(this::relayQuietly);
        } else {
            relayQuietly();
        }
    }

    private void relayQuietly() {
        try {
            relay();
        } catch (RuntimeException e) {
            LOG.warn(
                    "events in the outbox wait for SQS (or the database), next try in {} s: {}",
                    retryInterval.toSeconds(),
                    rootMessage(e));
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-outbox");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                this::relayQuietly, retryInterval.toMillis(), retryInterval.toMillis(), TimeUnit.MILLISECONDS);
        relay = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = relay;
        relay = null;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // a last round, e.g. for the one-shot intake that exits right after its run
        Thread lastRound = new Thread(this::relayQuietly, "event-outbox-last-round");
        lastRound.setDaemon(true);
        lastRound.start();
        try {
            lastRound.join(LAST_ROUND_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lastRound.isAlive()) {
            lastRound.interrupt();
            LOG.warn(
                    "the outbox's last round did not finish within {} s (database or SQS away?): unsent events stay "
                            + "stored and go on the next start",
                    LAST_ROUND_LIMIT.toSeconds());
        }
    }

    @Override
    public boolean isRunning() {
        return relay != null;
    }

    /** After the listener containers and before the web server stop: sends what is left while SQS clients still work. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure) : failure + " (" + root.getMessage() + ")";
    }

    private record Pending(UUID eventId, String queue, String payload) {}
}
