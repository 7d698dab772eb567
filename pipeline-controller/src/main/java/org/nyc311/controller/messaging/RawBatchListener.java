package org.nyc311.controller.messaging;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.Visibility;
import org.nyc311.controller.metrics.PipelineMetrics;
import org.nyc311.controller.run.RunCoordinator;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.RawBatchLanded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes RawBatchLanded off its queue and records the batch; the run itself happens on the worker, so
 * a message is acknowledged as soon as its batch is safely in PostgreSQL. A message that cannot be
 * recorded is not acknowledged: SQS delivers it again, and after {@code EventQueue.MAX_RECEIVE_COUNT}
 * deliveries moves it to the dead-letter queue.
 */
@Component
class RawBatchListener {

    private static final Logger LOG = LoggerFactory.getLogger(RawBatchListener.class);

    private final EventJson eventJson;
    private final RunCoordinator coordinator;
    private final PipelineMetrics metrics;

    RawBatchListener(EventJson eventJson, RunCoordinator coordinator, PipelineMetrics metrics) {
        this.eventJson = eventJson;
        this.coordinator = coordinator;
        this.metrics = metrics;
    }

    @SqsListener(queueNames = "#{@controllerQueues.rawBatchLanded()}")
    void onMessage(String body, Visibility visibility) {
        RawBatchLanded event;
        try {
            event = eventJson.read(body, RawBatchLanded.class);
        } catch (EventJson.InvalidEventException e) {
            metrics.poisonMessage();
            LOG.error("unreadable message on the RawBatchLanded queue, on its way to the dead-letter queue: {}", e.getMessage());
            // delivering it again at once: no wait will make it readable, so it reaches the DLQ sooner
            visibility.changeTo(0);
            throw e;
        }
        metrics.queueLag(event.occurredAt());
        coordinator.landed(event);
    }
}
