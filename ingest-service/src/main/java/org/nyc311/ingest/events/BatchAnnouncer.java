package org.nyc311.ingest.events;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import org.nyc311.ingest.config.IngestProperties;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.RawBatchLanded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Announces a landed batch on its SQS queue, after its manifest; the event's id derives from the run, so a resend is a duplicate consumers drop. */
@Component
public class BatchAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchAnnouncer.class);

    private final SqsTemplate sqs;
    private final EventJson json;
    private final boolean enabled;

    public BatchAnnouncer(SqsTemplate sqs, EventJson json, IngestProperties properties) {
        this.sqs = sqs;
        this.json = json;
        this.enabled = properties.events().enabled();
    }

    /** Returns whether the event was sent (the CLI lands without announcing). */
    public boolean announce(RawBatchLanded event) {
        if (!enabled) {
            LOG.info("events are off: RawBatchLanded for run {} not sent", event.ingestionRunId());
            return false;
        }
        String queue = EventQueue.of(RawBatchLanded.class).queueName();
        sqs.send(to -> to.queue(queue).payload(json.write(event)));
        LOG.info("RawBatchLanded {} for run {} sent to {}", event.eventId(), event.ingestionRunId(), queue);
        return true;
    }
}
