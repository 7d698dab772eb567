package org.nyc311.controller.messaging;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.Visibility;
import org.nyc311.controller.metrics.PipelineMetrics;
import org.nyc311.controller.run.RunCoordinator;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.service.messaging.DeadLetteringListener;
import org.springframework.stereotype.Component;

/**
 * Takes RawBatchLanded off its queue and records the batch; the run itself happens on the worker, so
 * a message is acknowledged as soon as its batch is safely in PostgreSQL. A message that cannot be
 * recorded is not acknowledged, and one that cannot be read is counted: service-support's
 * {@link DeadLetteringListener} sends both on to the dead-letter queue in the end.
 */
@Component
class RawBatchListener extends DeadLetteringListener<RawBatchLanded> {

    private final RunCoordinator coordinator;
    private final PipelineMetrics metrics;

    RawBatchListener(EventJson eventJson, RunCoordinator coordinator, PipelineMetrics metrics) {
        super(eventJson, RawBatchLanded.class);
        this.coordinator = coordinator;
        this.metrics = metrics;
    }

    @SqsListener(queueNames = "#{@controllerQueues.rawBatchLanded()}")
    void onMessage(String body, Visibility visibility) {
        receive(body, visibility);
    }

    @Override
    protected void handle(RawBatchLanded event, Visibility visibility) {
        metrics.queueLag(event.occurredAt());
        coordinator.landed(event);
    }

    @Override
    protected void unreadable(EventJson.InvalidEventException failure) {
        metrics.poisonMessage();
    }
}
