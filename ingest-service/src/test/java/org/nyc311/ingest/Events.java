package org.nyc311.ingest;

import java.util.ArrayList;
import java.util.List;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.testsupport.sqs.SqsServer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Takes every RawBatchLanded off its queue, as the pipeline-controller would, and reads it with the shared contract. */
public final class Events {

    private final SqsServer sqs;
    private final EventJson json = new EventJson();

    public Events(SqsServer sqs) {
        this.sqs = sqs;
    }

    public List<RawBatchLanded> drain() {
        String url = sqs.queueUrl(EventQueue.RAW_BATCH_LANDED.queueName());
        List<RawBatchLanded> events = new ArrayList<>();
        try (SqsClient client = sqs.client()) {
            while (true) {
                List<Message> messages = client.receiveMessage(
                                r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
                if (messages.isEmpty()) {
                    return events;
                }
                for (Message message : messages) {
                    events.add(json.read(message.body(), RawBatchLanded.class));
                    client.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            }
        }
    }

    public List<RawBatchLanded> of(String runId) {
        return drain().stream()
                .filter(event -> event.ingestionRunId().equals(runId))
                .toList();
    }
}
