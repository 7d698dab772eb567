package org.nyc311.anomaly.check;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import java.time.Clock;
import org.nyc311.anomaly.config.AnomalyProperties;
import org.nyc311.anomaly.store.AnomalyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the AnomalyAlert events of the outbox ({@code alert_event}) once their transaction has
 * committed, and marks each sent. An event SQS refuses stays unsent and goes with the next check (or
 * the redelivery of this one); a crash between send and mark sends it twice, which consumers tell
 * apart by its event id (one per alert and transition).
 */
@Component
public class AlertPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(AlertPublisher.class);

    private final SqsTemplate sqs;
    private final AnomalyRepository repository;
    private final String queue;
    private final Clock clock;

    public AlertPublisher(SqsTemplate sqs, AnomalyRepository repository, AnomalyProperties properties, Clock clock) {
        this.sqs = sqs;
        this.repository = repository;
        this.queue = properties.queues().anomalyAlert();
        this.clock = clock;
    }

    /**
     * Sends what the outbox holds. Synchronized: the check and the schedule must not both send the
     * same event.
     *
     * @return events sent
     */
    public synchronized int flush() {
        int sent = 0;
        for (AnomalyRepository.PendingEvent event : repository.unsentAlertEvents()) {
            sqs.send(to -> to.queue(queue).payload(event.payload()));
            repository.markSent(event.eventId(), clock.instant());
            sent++;
        }
        return sent;
    }

    /** Events SQS refused once are tried again without waiting for the next ForecastsPublished. */
    @Scheduled(fixedDelayString = "${nyc311.anomaly.outbox-retry-interval:60s}", initialDelayString = "${nyc311.anomaly.outbox-retry-interval:60s}")
    void retryUnsent() {
        try {
            int sent = flush();
            if (sent > 0) {
                LOG.info("sent {} AnomalyAlert event(s) left in the outbox", sent);
            }
        } catch (RuntimeException e) {
            LOG.warn("AnomalyAlert events still cannot be sent, retrying later: {}", e.getMessage());
        }
    }
}
