package org.nyc311.controller;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.model.ingest.IngestionWindow;
import org.nyc311.testsupport.sqs.SqsServer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The test's side of the queues: sends RawBatchLanded, and plays forecast-service and an operator reading the DLQ. */
public final class TestQueues {

    private final SqsServer sqs;
    private final EventJson json = new EventJson();
    private final List<GoldRefreshed> goldRefreshed = new CopyOnWriteArrayList<>();
    private final List<String> deadLetters = new CopyOnWriteArrayList<>();

    public TestQueues(SqsServer sqs) {
        this.sqs = sqs;
    }

    /** The event ingest-service sends for a batch of 11 records landed by this ingestion run. */
    public static RawBatchLanded rawBatchLanded(String ingestionRunId) {
        String prefix = "raw/nyc311/ingestion_date=2026-06-28/run=" + ingestionRunId + "/";
        Clock clock = Clock.fixed(Instant.parse("2026-06-28T14:00:00Z"), ZoneOffset.UTC);
        return RawBatchLanded.of(
                clock,
                ingestionRunId,
                "nyc311-lake",
                prefix,
                prefix + "_manifest.json",
                new IngestionWindow(
                        IngestionWindow.Kind.INCREMENTAL,
                        LocalDateTime.parse("2026-06-27T10:00:00"),
                        LocalDateTime.parse("2026-06-28T10:00:00")),
                LocalDate.of(2026, 6, 28),
                11,
                1);
    }

    public void purgeAll() {
        try (SqsClient client = sqs.client()) {
            for (String queue : List.of(
                    EventQueue.RAW_BATCH_LANDED.queueName(),
                    EventQueue.RAW_BATCH_LANDED.deadLetterQueueName(),
                    EventQueue.GOLD_REFRESHED.queueName())) {
                String url = client.getQueueUrl(r -> r.queueName(queue)).queueUrl();
                client.purgeQueue(r -> r.queueUrl(url));
            }
        }
    }

    public void sendRawBatch(String body) {
        try (SqsClient client = sqs.client()) {
            String url = client.getQueueUrl(r -> r.queueName(EventQueue.RAW_BATCH_LANDED.queueName()))
                    .queueUrl();
            client.sendMessage(r -> r.queueUrl(url).messageBody(body));
        }
    }

    /** True when the RawBatchLanded queue has nothing left, visible or in flight. */
    public boolean rawQueueDrained() {
        try (SqsClient client = sqs.client()) {
            String url = client.getQueueUrl(r -> r.queueName(EventQueue.RAW_BATCH_LANDED.queueName()))
                    .queueUrl();
            Map<QueueAttributeName, String> attributes = client.getQueueAttributes(r -> r.queueUrl(url)
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
    }

    /** Every GoldRefreshed received so far (each taken off the queue once). */
    public List<GoldRefreshed> goldRefreshed() {
        for (String body : receiveAll(EventQueue.GOLD_REFRESHED.queueName())) {
            goldRefreshed.add(json.read(body, GoldRefreshed.class));
        }
        return List.copyOf(goldRefreshed);
    }

    public List<GoldRefreshed> goldRefreshedFor(String pipelineRunId) {
        return goldRefreshed().stream()
                .filter(event -> event.pipelineRunId().equals(pipelineRunId))
                .toList();
    }

    /** Every body that reached the RawBatchLanded dead-letter queue so far. */
    public List<String> deadLetters() {
        deadLetters.addAll(receiveAll(EventQueue.RAW_BATCH_LANDED.deadLetterQueueName()));
        return List.copyOf(deadLetters);
    }

    private List<String> receiveAll(String queue) {
        List<String> bodies = new ArrayList<>();
        try (SqsClient client = sqs.client()) {
            String url = client.getQueueUrl(r -> r.queueName(queue)).queueUrl();
            List<Message> batch;
            do {
                batch = client.receiveMessage(
                                r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                        .messages();
                for (Message message : batch) {
                    bodies.add(message.body());
                    client.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                }
            } while (!batch.isEmpty());
        }
        return bodies;
    }
}
