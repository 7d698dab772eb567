package org.nyc311.controller;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nyc311.model.event.EventJson;
import org.nyc311.model.event.EventQueue;
import org.nyc311.model.event.GoldRefreshed;
import org.nyc311.model.event.RawBatchLanded;
import org.nyc311.testsupport.events.LandedBatches;
import org.nyc311.testsupport.sqs.SqsServer;

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
        return LandedBatches.incremental(ingestionRunId, "nyc311-lake", 11);
    }

    public void purgeAll() {
        sqs.purge(
                EventQueue.RAW_BATCH_LANDED.queueName(),
                EventQueue.RAW_BATCH_LANDED.deadLetterQueueName(),
                EventQueue.GOLD_REFRESHED.queueName());
    }

    public void sendRawBatch(String body) {
        sqs.send(EventQueue.RAW_BATCH_LANDED.queueName(), body);
    }

    /** True when the RawBatchLanded queue has nothing left, visible or in flight. */
    public boolean rawQueueDrained() {
        return sqs.messagesIn(EventQueue.RAW_BATCH_LANDED.queueName()) == 0;
    }

    /** Every GoldRefreshed received so far (each taken off the queue once). */
    public List<GoldRefreshed> goldRefreshed() {
        for (String body : sqs.takeAll(EventQueue.GOLD_REFRESHED.queueName())) {
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
        deadLetters.addAll(sqs.takeAll(EventQueue.RAW_BATCH_LANDED.deadLetterQueueName()));
        return List.copyOf(deadLetters);
    }
}
