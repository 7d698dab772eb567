package org.nyc311.ingest;

import java.util.ArrayList;
import java.util.List;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.testsupport.sqs.SqsServer;

/** Takes every RawBatchLanded off its queue, as the pipeline-controller would, and reads it with the shared contract. */
public final class Events {

    private final SqsServer sqs;
    private final EventJson json = new EventJson();

    public Events(SqsServer sqs) {
        this.sqs = sqs;
    }

    public List<RawBatchLanded> drain() {
        List<RawBatchLanded> events = new ArrayList<>();
        for (String body : sqs.takeAll(EventQueue.RAW_BATCH_LANDED.queueName(), 1)) {
            events.add(json.read(body, RawBatchLanded.class));
        }
        return events;
    }

    public List<RawBatchLanded> of(String runId) {
        return drain().stream()
                .filter(event -> event.ingestionRunId().equals(runId))
                .toList();
    }
}
