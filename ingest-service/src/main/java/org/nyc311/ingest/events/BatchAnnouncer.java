package org.nyc311.ingest.events;

import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.service.outbox.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Announces a landed batch on its SQS queue ({@code nyc311.ingest.queues.raw-batch-landed}), after its
 * manifest; the event's id derives from the run, so a resend is a duplicate consumers drop. The event goes
 * through service-support's {@link EventPublisher} and outbox (table {@code event_outbox}): stored in the
 * transaction that completes the run, sent once it commits, and kept until SQS takes it, so an SQS outage
 * neither fails the run nor loses its event. Particular to ingest: the CLI lands without announcing.
 */
@Component
public class BatchAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchAnnouncer.class);

    private final EventPublisher publisher;
    private final boolean enabled;

    public BatchAnnouncer(EventPublisher publisher, IngestProperties properties) {
        this.publisher = publisher;
        this.enabled = properties.events().enabled();
    }

    /** Returns whether the event was staged to be sent (the CLI lands without announcing). */
    public boolean announce(RawBatchLanded event) {
        if (!enabled) {
            LOG.info("events are off: RawBatchLanded for run {} not sent", event.ingestionRunId());
            return false;
        }
        String queue = publisher.publish(event);
        LOG.info("RawBatchLanded {} for run {} staged for {}", event.eventId(), event.ingestionRunId(), queue);
        return true;
    }
}
